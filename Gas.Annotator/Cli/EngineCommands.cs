using Gas.Annotator.Engine;
using Gas.Annotator.Engine.Reference;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gas.Annotator.Cli;

/// <summary>
/// The engine's command lines: <c>annotate --reference DIR INPUT OUTPUT</c>, <c>reference fetch [--reference DIR]</c>
/// and <c>bench [--variants N]</c>. <see cref="TryRunAsync"/> returns null for anything else, so Main can go on to the daemon.
/// </summary>
public static class EngineCommands
{
    public const string Usage = """
        Gas.Annotator annotate --reference DIR [--build detect|GRCh37|GRCh38] INPUT OUTPUT
                                                              annotate one VCF (plain, gzip or BGZF); OUTPUT '-' is stdout
        Gas.Annotator reference fetch [--reference DIR] [--build hg19|hg38] [--dbsnp]
                                                              download a build's tables and .2bit genome into DIR/<build>/ (hg19 by
                                                              default; --dbsnp adds NCBI's common-variants VCF, about 1.5 GB);
                                                              with Gas:Engine:DownloadUrls set and no --build, exactly those into DIR
        Gas.Annotator bench [--variants N] [--reference DIR] [--max-memory-mb M] [--work DIR]
                                                              GAS against bcftools annotate (and vcfanno) on a generated VCF
        Settings come from appsettings.json, then environment variables (Gas__Engine__ReferenceDirectory, …), then the options above.
        """;

    public static Task<int>? TryRunAsync(string[] args) => args switch
    {
        ["annotate", .. var rest] => AnnotateAsync(rest),
        ["reference", "fetch", .. var rest] => FetchAsync(rest),
        ["bench", .. var rest] => EngineBenchmark.RunAsync(rest, Configuration()),
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

    private static async Task<int> AnnotateAsync(string[] args)
    {
        try
        {
            var referenceDirectory = Flag(ref args, "--reference");
            var build = Flag(ref args, "--build");
            if (args.Length != 2)
            {
                await Console.Error.WriteLineAsync("usage: Gas.Annotator annotate --reference DIR [--build detect|GRCh37|GRCh38] INPUT OUTPUT");
                return 64;
            }

            var options = Options(Configuration(), referenceDirectory);
            var log = Console.Error;
            var engine = EngineServiceCollectionExtensions.Create(options, TimeProvider.System, NullLogger.Instance, log);
            if (engine is BasicVcfEngine)
            {
                await log.WriteLineAsync(options.ReferenceDirectory is null
                    ? "WARNING: no reference directory (--reference DIR or Gas__Engine__ReferenceDirectory): validating only."
                    : $"WARNING: '{options.ReferenceDirectory}' has no refGene/refFlat table: validating only.");
            }

            await using var input = File.OpenRead(args[0]);
            var toStdout = args[1] == "-";
            await using var output = toStdout
                ? Console.OpenStandardOutput()
                : new FileStream(args[1], FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            var summary = await engine.AnnotateAsync(input, output, log, build, CancellationToken.None);
            return summary.Variants >= 0 ? 0 : 1;
        }
        catch (RejectedInputException e)
        {
            await Console.Error.WriteLineAsync(e switch
            {
                VcfFormatException => $"Not a valid VCF: {e.Message}",
                GenomeBuildRefusedException => $"Refused: {e.Message}",
                _ => e.Message,
            });
            return 65;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 66;
        }
    }

    private static async Task<int> FetchAsync(string[] args)
    {
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
                await fetcher.FetchAsync(folder, Console.Out);
            }
            else
            {
                await fetcher.FetchBuildAsync(folder, build, withDbSnp, Console.Out);
                folder = Path.Combine(folder, build.UcscName);
            }

            var data = ReferenceLoader.Load(folder, options.CacheDirectory, Console.Out);
            await Console.Out.WriteLineAsync($"Indexed {data.TranscriptCount:N0} transcripts in {folder}; build {data.Build?.ToString() ?? "unknown"}; genome {(data.Genome is null ? "none" : Path.GetFileName(data.Genome.Path))}.");
            return 0;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException or TaskCanceledException or OptionsValidationException or InvalidOperationException)
        {
            await Console.Error.WriteLineAsync($"reference fetch failed: {e.Message}");
            return 69;
        }
    }
}
