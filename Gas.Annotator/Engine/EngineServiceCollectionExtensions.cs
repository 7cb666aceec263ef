using Gas.Annotator.Engine.FirstRun;
using Gas.Annotator.Engine.Reference;
using Gas.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gas.Annotator.Engine;

/// <summary>
/// Registers the annotation engine: the reference engine when the configured folder holds tables, else the basic one; in
/// embedded mode with no reference configured (and <see cref="EngineOptions.AutoFetch"/> on), the first-run fetch of hg19.
/// </summary>
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
        if (AutoFetchDirectory(configuration) is { } directory)
        {
            services.AddSingleton(new ReferenceProvisioning(directory));
            services.AddSingleton(provider =>
            {
                var options = provider.GetRequiredService<IOptions<EngineOptions>>().Value;
                return new SwitchableAnnotationEngine(new BasicVcfEngine(
                    provider.GetRequiredService<TimeProvider>(), options.MaxLineBytes, "the hg19 reference data is still downloading", options.ValidateVcf));
            });
            services.TryAddSingleton<IAnnotationEngine>(provider => provider.GetRequiredService<SwitchableAnnotationEngine>());
            services.AddHostedService<ReferenceAutoFetch>();
        }

        services.TryAddSingleton<IAnnotationEngine>(CreateEngine);
        return services;
    }

    /// <summary>
    /// Where the first-run fetch puts hg19 (<c>&lt;Gas:Embedded:DataDirectory&gt;/reference</c>), or null when it does not apply:
    /// a reference directory is configured, <c>Gas:Engine:AutoFetch</c> is false, or the service runs on AWS.
    /// </summary>
    public static string? AutoFetchDirectory(IConfiguration configuration)
    {
        var engine = configuration.GetSection(EngineOptions.SectionName);
        var autoFetch = !bool.TryParse(engine[nameof(EngineOptions.AutoFetch)], out var value) || value;
        var gas = configuration.GetSection(GasOptions.Section).Get<GasOptions>() ?? new GasOptions();
        if (!autoFetch || !string.IsNullOrWhiteSpace(engine[nameof(EngineOptions.ReferenceDirectory)]) || gas.IsAws)
        {
            return null;
        }

        var data = configuration[$"{EmbeddedOptions.Section}:{nameof(EmbeddedOptions.DataDirectory)}"] is { Length: > 0 } dir ? dir : new EmbeddedOptions().DataDirectory;
        return Path.GetFullPath(Path.Combine(data, "reference"));
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

        var library = new ReferenceLibrary(options.ReferenceDirectory, options.CacheDirectory, log);
        StartupTimings.Mark("reference discovery (builds and their folders)");
        if (library.IsEmpty)
        {
            logger.LogWarning("Reference directory {Directory} has no refGene/refFlat table (in hg19/, hg38/ or the folder itself): using the basic engine; run 'Gas.Annotator reference fetch'", options.ReferenceDirectory);
            return new BasicVcfEngine(time, options.MaxLineBytes, $"the reference directory '{options.ReferenceDirectory}' has no refGene/refFlat table", options.ValidateVcf);
        }

        var engine = new BuildAwareVcfEngine(library, time, options.MaxLineBytes, validate: options.ValidateVcf);
        var reference = library.Get(engine.DefaultBuild)!;
        StartupTimings.Mark("reference load (index cache, or tables when it is stale)");
        engine.WarmUp();
        StartupTimings.Mark("engine warm-up (synthetic records through the hot path)");
        logger.LogInformation(
            "Reference builds in {Directory}: {Builds}; default {Default} loaded: {Transcripts} transcripts; sources {Sources}; other builds load on first use",
            options.ReferenceDirectory, library.ToString(), engine.DefaultBuild, reference.TranscriptCount, string.Join("; ", reference.Sources));
        return engine;
    }
}
