using Gas.Annotator.Engine.Reference;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gas.Annotator.Engine;

/// <summary>Registers the annotation engine: the reference engine when the configured folder holds tables, else the basic one.</summary>
public static class EngineServiceCollectionExtensions
{
    public static IServiceCollection AddAnnotationEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EngineOptions>()
            .Bind(configuration.GetSection(EngineOptions.SectionName), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient<ReferenceFetcher>();
        services.TryAddSingleton<IAnnotationEngine>(CreateEngine);
        return services;
    }

    private static IAnnotationEngine CreateEngine(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<EngineOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger(typeof(EngineServiceCollectionExtensions)) ?? NullLogger.Instance;
        return Create(options, time, logger);
    }

    /// <summary>The engine these options call for; the command line uses it too, so the daemon and the CLI agree.</summary>
    public static IAnnotationEngine Create(EngineOptions options, TimeProvider time, ILogger logger, TextWriter? log = null)
    {
        GzipFormat.EnsureTruncationIsDetected();
        if (string.IsNullOrWhiteSpace(options.ReferenceDirectory))
        {
            logger.LogWarning("No reference directory is configured ({Section}:ReferenceDirectory): variants are validated but not annotated", EngineOptions.SectionName);
            return new BasicVcfEngine(time, options.MaxLineBytes, validate: options.ValidateVcf);
        }

        var files = ReferenceFiles.Discover(options.ReferenceDirectory);
        if (files.Genes is null)
        {
            logger.LogWarning("Reference directory {Directory} has no refGene/refFlat table: using the basic engine; run 'Gas.Annotator reference fetch'", options.ReferenceDirectory);
            return new BasicVcfEngine(time, options.MaxLineBytes, $"the reference directory '{options.ReferenceDirectory}' has no refGene/refFlat table", options.ValidateVcf);
        }

        var reference = ReferenceLoader.Load(options.ReferenceDirectory, options.CacheDirectory, log);
        logger.LogInformation(
            "Reference loaded from {Directory}: {Build}, {Transcripts} transcripts; sources {Sources}",
            options.ReferenceDirectory, reference.Build?.ToString() ?? "unknown build", reference.TranscriptCount, string.Join("; ", reference.Sources));
        var engine = new ReferenceVcfEngine(reference, time, maxLineBytes: options.MaxLineBytes, validate: options.ValidateVcf);
        engine.WarmUp();
        return engine;
    }
}
