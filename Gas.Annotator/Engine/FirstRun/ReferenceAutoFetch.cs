using Gas.Annotator.Engine.Reference;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gas.Annotator.Engine.FirstRun;

/// <summary>
/// The embedded service's first run with no reference configured: downloads hg19 into <see cref="ReferenceProvisioning.Directory"/>
/// in the background with the same <see cref="ReferenceFetcher"/> as <c>reference fetch</c> (resumed, md5-checked), in two
/// stages. First the tables (refGene, cytoBand, GWAS catalog: a few MB), while jobs wait as PENDING; then the reference
/// engine takes over and jobs run, while the genome (hg19.2bit, about 800 MB) follows; when it is in, ExonicFunc/AAChange
/// are on for the jobs after. A failure leaves jobs running on what did arrive, each saying why in its notes.
/// Files already in place are not fetched again, and a partial download left by a stopped run is resumed.
/// </summary>
public sealed partial class ReferenceAutoFetch(
    ReferenceFetcher fetcher,
    ReferenceProvisioning provisioning,
    SwitchableAnnotationEngine engine,
    IOptions<EngineOptions> options,
    TimeProvider time,
    ILogger<ReferenceAutoFetch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var folder = Path.Combine(provisioning.Directory, GenomeBuild.Grch37.UcscName);
        var catalog = ReferenceCatalog.For(GenomeBuild.Grch37, withDbSnp: false, options.Value.UcscBaseUrl, options.Value.NcbiBaseUrl);
        var tables = catalog.Where(f => !IsGenome(f)).ToList();
        var genome = catalog.Where(IsGenome).ToList();
        await using var log = new LoggerTextWriter(logger);
        try
        {
            await FetchMissingAsync(folder, tables, "hg19 reference tables", log, stoppingToken);
            engine.Use(ReferenceEngine());
            provisioning.TablesReady();
            await FetchMissingAsync(folder, genome, "hg19 genome", log, stoppingToken);
            engine.Use(ReferenceEngine());
            provisioning.Ready();
            LogReady(provisioning.Directory);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // whatever went wrong (network, disk, a table that does not parse), the service stays up and every job says why
            var tablesIn = provisioning.Stage != ProvisioningStage.Tables;
            var why = e.Message.TrimEnd().EndsWith('.') ? e.Message.TrimEnd() : e.Message.TrimEnd() + ".";
            var failure = tablesIn
                ? $"Could not download the hg19 genome: {why} Jobs are annotated without ExonicFunc/AAChange. {provisioning.HowToFix}"
                : $"Could not download the hg19 reference data: {why} Jobs are validated but not annotated. {provisioning.HowToFix}";
            if (!tablesIn)
            {
                engine.Use(new BasicVcfEngine(
                    time, options.Value.MaxLineBytes, $"the hg19 reference data could not be downloaded: {why} {provisioning.HowToFix}", options.Value.ValidateVcf));
            }

            provisioning.Fail(failure);
            LogFailed(failure);
        }
    }

    private static bool IsGenome(ReferenceDownload file) => file.FileName.EndsWith(".2bit", StringComparison.OrdinalIgnoreCase);

    private async Task FetchMissingAsync(string folder, List<ReferenceDownload> files, string what, TextWriter log, CancellationToken ct)
    {
        var missing = files.Where(f => !File.Exists(Path.Combine(folder, f.FileName))).ToList();
        if (missing.Count == 0)
        {
            provisioning.Report(100);
            return;
        }

        LogFetching(what, provisioning.Directory);
        var bar = new ConsoleProgressBar(log, stepPercent: 10);
        await fetcher.FetchFilesAsync(folder, missing, log, new Progress(provisioning, bar), ct);
    }

    private IAnnotationEngine ReferenceEngine()
    {
        var with = new EngineOptions
        {
            ReferenceDirectory = provisioning.Directory,
            CacheDirectory = options.Value.CacheDirectory,
            MaxLineBytes = options.Value.MaxLineBytes,
            ValidateVcf = options.Value.ValidateVcf,
        };
        return EngineServiceCollectionExtensions.Create(with, time, logger);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No reference is configured: downloading the {What} into {Directory} (Gas:Engine:AutoFetch=false turns this off)")]
    private partial void LogFetching(string what, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "hg19 reference data is ready in {Directory}")]
    private partial void LogReady(string directory);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Failure}")]
    private partial void LogFailed(string failure);

    /// <summary>Feeds the banner's percent and the console's bar from one report.</summary>
    private sealed class Progress(ReferenceProvisioning provisioning, ConsoleProgressBar bar) : IProgress<FetchProgress>
    {
        public void Report(FetchProgress value)
        {
            provisioning.Report(value.Percent);
            bar.Report(value);
        }
    }
}
