using Gas.Annotator.Engine;
using Gas.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gas.Annotator.Worker;

/// <summary>Registers the annotator daemon's loop.</summary>
public static class DependencyInjection
{
    /// <summary>The job runner and the polling loop; the basic engine unless another engine was registered first.</summary>
    public static IServiceCollection AddAnnotatorWorker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AnnotatorOptions>(configuration, AnnotatorOptions.Section);
        services.TryAddSingleton<IAnnotationEngine, BasicVcfEngine>();
        services.AddSingleton<JobRunner>();
        services.AddHostedService<AnnotatorWorker>();
        return services;
    }
}
