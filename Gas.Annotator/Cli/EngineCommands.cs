using System.Globalization;
using Gas.Annotator.Engine;
using Gas.Annotator.Engine.Reference;
using Gas.Annotator.Engine.Validation;
using Gas.Core.VariantIndex;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gas.Annotator.Cli;

/// <summary>
/// The engine's command lines: <c>annotate --reference DIR [--build B] INPUT OUTPUT</c> (or <c>--validate-only INPUT</c>), <c>reference fetch [--reference DIR]</c>
/// and <c>bench [--variants N]</c>. <see cref="TryRunAsync(string[])"/> returns null for anything else, so Main can go on to the daemon.
/// </summary>
public static class EngineCommands
{
    public const string Usage = """
        Gas.Annotator annotate --reference DIR [--build detect|GRCh37|GRCh38] [--index INDEX.sqlite] [--timings] INPUT OUTPUT
                                                              annotate one VCF (plain, gzip or BGZF); OUTPUT '-' is stdout;
                                                              what breaks the VCF specification goes to stderr as 'Line N: …';
                                                              --index: also write the job's results index (Gas.Annotator index queries)
                                                              --timings: the process's phases (wall, CPU, JIT) to stderr at the end
        Gas.Annotator annotate --validate-only INPUT          only check INPUT against the VCF specification (exit 0: no error, 65: error)
        Gas.Annotator reference fetch [--reference DIR] [--build hg19|hg38] [--dbsnp]
                                                              download a build's tables and .2bit genome into DIR/<build>/ (hg19 by
                                                              default; --dbsnp adds NCBI's common-variants VCF, about 1.5 GB);
                                                              with Gas:Engine:DownloadUrls set and no --build, exactly those into DIR
        Gas.Annotator bench [--variants N] [--reference DIR] [--max-memory-mb M] [--work DIR]
                                                              GAS against bcftools annotate (and vcfanno) on a generated VCF
        Gas.Annotator bench-sweep [--jobs N] [--due D] [--users U]
                                                              the archive sweep's reads over N stored jobs, D of them due (ms)
        Settings come from appsettings.json, then environment variables (Gas__Engine__ReferenceDirectory, …), then the options above.
        """;

    public static Task<int>? TryRunAsync(string[] args) => TryRunAsync(args, Console.Out, Console.Error);

    /// <summary>As <see cref="TryRunAsync(string[])"/>, with <c>annotate</c>'s summary and report written to the given writers.</summary>
    public static Task<int>? TryRunAsync(string[] args, TextWriter stdout, TextWriter stderr) => args switch
    {
        ["annotate", .. var rest] => AnnotateAsync(rest, stdout, stderr),
        ["reference", "fetch", .. var rest] => FetchAsync(rest),
        ["bench", .. var rest] => EngineBenchmark.RunAsync(rest, Configuration()),
        ["bench-sweep", .. var rest] => SweepBenchmark.RunAsync(rest),
        ["reference", ..] or ["help" or "--help" or "-h"] => Help(),
        _ => null,
    };

    private static Task<int> Help()
    {
        Console.Out.WriteLine(Usage);
        return Task.FromResult(0);
    }

    internal static IConfiguration Configuration() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();

    internal static EngineOptions Options(IConfiguration configuration, string? referenceDirectory)
    {
        var options = new EngineOptions();
        configuration.GetSection(EngineOptions.SectionName).Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        if (referenceDirectory is not null)
        {
            options.ReferenceDirectory = referenceDirectory;
        }

        return options;
    }

    internal static string? Flag(ref string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        if (i < 0)
        {
            return null;
        }

        if (i + 1 >= args.Length)
        {
            throw new ArgumentException($"{name} needs a value.");
        }

        var value = args[i + 1];
        args = [.. args[..i], .. args[(i + 2)..]];
        return value;
    }

    private static async Task<int> AnnotateAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (Switch(ref args, "--timings"))
        {
            StartupTimings.Start();
        }

        try
        {
            var referenceDirectory = Flag(ref args, "--reference");
            var build = Flag(ref args, "--build");
            var indexPath = Flag(ref args, "--index");
            var validateOnly = Switch(ref args, "--validate-only");
            if (args.Length != (validateOnly ? 1 : 2))
            {
                await stderr.WriteLineAsync("usage: Gas.Annotator annotate --reference DIR [--build detect|GRCh37|GRCh38] INPUT OUTPUT, or annotate --validate-only INPUT");
                return 64;
            }

            var options = Options(Configuration(), referenceDirectory);
            StartupTimings.Mark("configuration");
            if (validateOnly)
            {
                return await ValidateAsync(args[0], options, stdout, stderr);
            }

            var engine = EngineServiceCollectionExtensions.Create(options, TimeProvider.System, NullLogger.Instance, stderr);
            if (engine is BasicVcfEngine)
            {
                await stderr.WriteLineAsync(options.ReferenceDirectory is null
                    ? "WARNING: no reference directory (--reference DIR or Gas__Engine__ReferenceDirectory): validating only."
                    : $"WARNING: '{options.ReferenceDirectory}' has no refGene/refFlat table: validating only.");
            }

            await using var input = File.OpenRead(args[0]);
            var toStdout = args[1] == "-";
            await using var output = toStdout
                ? Console.OpenStandardOutput()
                : new FileStream(args[1], FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            await using var indexing = indexPath is null ? null : new IndexingOutputStream(output, indexPath, CancellationToken.None);
            var summary = await engine.AnnotateAsync(input, indexing ?? output, stderr, build, CancellationToken.None);
            await output.FlushAsync();
            StartupTimings.Mark("annotation (input's build chosen, records annotated, output written)");
            if (indexing is not null)
            {
                var stats = await indexing.CompleteAsync();
                StartupTimings.Mark("results index finished (what it took after the engine)");
                await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Results index: {stats.Records:N0} records, {stats.Alleles:N0} alleles, {stats.Bytes / 1048576.0:0.0} MB: {indexPath}"));
            }

            if (summary.Validation is { } report)
            {
                await ValidationLog.WriteAsync(report, stderr);
            }

            StartupTimings.Write(stderr);
            return summary.Variants >= 0 ? 0 : 1;
        }
        catch (RejectedInputException e)
        {
            return await RefusedAsync(e, stderr);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidDataException)
        {
            await stderr.WriteLineAsync(e.Message);
            return 66;
        }
    }

    /// <summary>Checks a file by the VCF rules without annotating it: the basic engine, writing nothing.</summary>
    private static async Task<int> ValidateAsync(string path, EngineOptions options, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var engine = new BasicVcfEngine(TimeProvider.System, options.MaxLineBytes, validate: true);
            await using var input = File.OpenRead(path);
            var summary = await engine.AnnotateAsync(input, Stream.Null, TextWriter.Null);
            var report = summary.Validation!;
            await ValidationLog.WriteAsync(report, stderr);
            await stdout.WriteLineAsync($"{path}: {ValidationLog.Summary(report)}");
            return 0;
        }
        catch (RejectedInputException e)
        {
            return await RefusedAsync(e, stderr);
        }
    }

    private static async Task<int> RefusedAsync(RejectedInputException e, TextWriter stderr)
    {
        if (e.Validation is { } report)
        {
            await ValidationLog.WriteAsync(report, stderr);
        }

        await stderr.WriteLineAsync(e switch
        {
            VcfFormatException => $"Not a valid VCF: {e.Message}",
            GenomeBuildRefusedException => $"Refused: {e.Message}",
            _ => e.Message,
        });
        return 65;
    }

    private static bool Switch(ref string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        if (i >= 0)
        {
            args = [.. args[..i], .. args[(i + 1)..]];
        }

        return i >= 0;
    }

    private static async Task<int> FetchAsync(string[] args)
    {
        if (Switch(ref args, "--timings"))
        {
            StartupTimings.Start();
        }

        try
        {
            var referenceDirectory = Flag(ref args, "--reference");
            var buildName = Flag(ref args, "--build");
            var withDbSnp = args.Contains("--dbsnp");
            var options = Options(Configuration(), referenceDirectory);
            var build = buildName is null ? GenomeBuild.Grch37 : GenomeBuild.ParseAnnotated(buildName);
            if (options.ReferenceDirectory is null || build is null || args.Any(a => a != "--dbsnp"))
            {
                await Console.Error.WriteLineAsync("usage: Gas.Annotator reference fetch --reference DIR [--build hg19|hg38] [--dbsnp] (or set Gas__Engine__ReferenceDirectory)");
                return 64;
            }

            using var http = new HttpClient();
            var fetcher = new ReferenceFetcher(http, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System);
            var folder = options.ReferenceDirectory;
            if (options.DownloadUrls is { Length: > 0 } && buildName is null)
            {
                await fetcher.FetchAsync(folder, Console.Out, new ConsoleProgressBar(Console.Out));
            }
            else
            {
                await fetcher.FetchBuildAsync(folder, build, withDbSnp, Console.Out, new ConsoleProgressBar(Console.Out));
                folder = Path.Combine(folder, build.UcscName);
            }

            var data = ReferenceLoader.Load(folder, options.CacheDirectory, Console.Out);
            await Console.Out.WriteLineAsync($"Indexed {data.TranscriptCount:N0} transcripts in {folder}; build {data.Build?.ToString() ?? "unknown"}; genome {(data.Genome is null ? "none" : Path.GetFileName(data.Genome.Path))}.");
            return 0;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException or TaskCanceledException or OptionsValidationException or InvalidOperationException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"reference fetch failed: {e.Message}");
            return 69;
        }
    }
}
