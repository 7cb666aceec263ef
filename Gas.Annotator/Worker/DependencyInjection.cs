using Gas.Annotator.Engine;
using Gas.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gas.Annotator.Worker;

/// <summary>Registers the annotator daemon's loop.</summary>
public static class DependencyInjection
{
    /// <summary>The job runner and (when <paramref name="runWorker"/>) the polling loop; the basic engine unless another was registered first.</summary>
    public static IServiceCollection AddAnnotatorWorker(this IServiceCollection services, IConfiguration configuration, bool runWorker = true)
    {
        services.AddValidatedOptions<AnnotatorOptions>(configuration, AnnotatorOptions.Section);
        if (!runWorker)
        {
            return services;
        }

        // without AddAnnotationEngine (tests, a web-only host): the basic engine, reading input by the configured rules if any
        services.TryAddSingleton<IAnnotationEngine>(provider => new BasicVcfEngine(
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<IOptions<EngineOptions>>()?.Value.MaxLineBytes ?? EngineOptions.DefaultMaxLineBytes,
            validate: provider.GetService<IOptions<EngineOptions>>()?.Value.ValidateVcf ?? true));
        services.AddSingleton<JobRunner>();
        services.AddHostedService<AnnotatorWorker>();
        return services;
    }
}
