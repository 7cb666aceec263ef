using Gas.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Core.VariantIndex;

/// <summary>Registers the results index: its options, the local cache and the store that builds, reads and archives indexes.</summary>
public static class DependencyInjection
{
    public static IServiceCollection AddResultsIndex(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ResultsIndexOptions>(configuration, ResultsIndexOptions.Section);
        services.AddSingleton<ResultsIndexCache>();
        services.AddSingleton<ResultsIndexStore>();
        return services;
    }
}
