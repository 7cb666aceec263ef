using System.Text;
using Gas.Annotator.Engine;
using Gas.Annotator.Engine.Reference;
using Gas.Tests.Support;

namespace Gas.Tests.Engine;

/// <summary>Where engine tests find their data: the committed synthetic fixtures and the shared public tables beside the repository.</summary>
internal static class EngineTestData
{
    private static readonly Lazy<ReferenceData> _fullReference = new(() => ReferenceLoader.Load(SharedReferenceDirectory(), CacheDirectory("full")));
    private static readonly Lazy<ReferenceData> _synthetic = new(() => ReferenceLoader.Load(SyntheticDirectory, CacheDirectory("synthetic")));

    public static string RepoRoot => Paths.RepositoryRoot;

    public static string SyntheticDirectory => Path.Combine(RepoRoot, "Gas.Tests", "Engine", "Fixtures", "reference");

    /// <summary>The hg19 refFlat, cytoBand and GWAS catalog from ../shared/refdata, parsed once per test run.</summary>
    public static ReferenceData FullReference => _fullReference.Value;

    public static ReferenceData Synthetic => _synthetic.Value;

    /// <summary>A file under ../shared; a test needing it fails (never skips) when it is missing.</summary>
    public static string Shared(params string[] parts)
    {
        var path = Path.GetFullPath(Path.Combine([RepoRoot, "..", "shared", .. parts]));
        if (!File.Exists(path))
        {
            Assert.Fail($"Shared test data '{path}' is missing: the engine tests read ../shared beside the repository.");
        }

        return path;
    }

    /// <summary>A folder that links (never copies) the shared refdata tables, so the engine sees a normal reference directory.</summary>
    public static string SharedReferenceDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "gas-tests", "shared-refdata-links");
        Directory.CreateDirectory(directory);
        foreach (var name in new[] { "hg19_refFlat_2011.txt.gz", "hg19_cytoBand.txt.gz", "gwascatalog_2012-04.txt.gz" })
        {
            var target = Shared("refdata", name);
            var link = Path.Combine(directory, name);
            try
            {
                if (!File.Exists(link))
                {
                    File.CreateSymbolicLink(link, target);
                }
            }
            catch (IOException) when (File.Exists(link))
            {
                // another test run made the same link a moment ago
            }
        }

        return directory;
    }

    public static string CacheDirectory(string name)
    {
        var directory = Path.Combine(Path.GetTempPath(), "gas-tests", "cache-" + name);
        Directory.CreateDirectory(directory);
        return directory;
    }

    public static string NewTempDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "gas-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>A VCF with the given records (CHROM POS ID REF ALT QUAL FILTER INFO, tab-separated).</summary>
    public static string Vcf(params string[] records) =>
        "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n" + string.Concat(records.Select(r => r + "\n"));

    public static async Task<Annotated> AnnotateAsync(ReferenceData reference, string vcf) =>
        await AnnotateAsync(reference, Encoding.UTF8.GetBytes(vcf));

    public static async Task<Annotated> AnnotateAsync(ReferenceData reference, byte[] input) =>
        await AnnotateAsync(new ReferenceVcfEngine(reference, TimeProvider.System), input);

    /// <summary>
    /// The engines by name, for tests that hold them to the same input rules: "basic", "reference" (synthetic tables) and
    /// "build-aware" (what the daemon runs: the same tables as a one-build library, the build detected from the header first).
    /// </summary>
    public static IAnnotationEngine Engine(string kind, int maxLineBytes = EngineOptions.DefaultMaxLineBytes) => kind switch
    {
        "basic" => new BasicVcfEngine(TimeProvider.System, maxLineBytes),
        "reference" => new ReferenceVcfEngine(Synthetic, TimeProvider.System, maxLineBytes: maxLineBytes),
        "build-aware" => new BuildAwareVcfEngine(new ReferenceLibrary(SyntheticDirectory, CacheDirectory("synthetic")), TimeProvider.System, maxLineBytes),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "basic, reference or build-aware"),
    };

    public static async Task<Annotated> AnnotateAsync(IAnnotationEngine engine, byte[] input, AnnotationLimits? limits = null, CancellationToken ct = default)
    {
        using var inputStream = new MemoryStream(input);
        return await AnnotateAsync(engine, inputStream, limits, ct);
    }

    public static async Task<Annotated> AnnotateAsync(IAnnotationEngine engine, Stream input, AnnotationLimits? limits = null, CancellationToken ct = default)
    {
        using var output = new MemoryStream();
        using var log = new StringWriter();
        var summary = await engine.AnnotateAsync(input, output, log, limits ?? AnnotationLimits.Unlimited, ct);
        return new Annotated(Encoding.UTF8.GetString(output.ToArray()), summary, log.ToString());
    }

    /// <summary>
    /// What a run threw (null if it succeeded), waiting at most <paramref name="minutes"/>: an engine loop that spins fails the
    /// test with what it waited for instead of hanging the run.
    /// </summary>
    public static async Task<Exception?> FailureOf(Task run, string waitingFor, int minutes = 3)
    {
        try
        {
            await run.WaitAsync(TimeSpan.FromMinutes(minutes));
            return null;
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Waited {minutes} minutes for {waitingFor}; it never finished, so an engine loop is stuck.");
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>The result of a run, waiting at most <paramref name="minutes"/> and saying what for when it gives up.</summary>
    public static async Task<T> Bounded<T>(Task<T> run, string waitingFor, int minutes = 3)
    {
        try
        {
            return await run.WaitAsync(TimeSpan.FromMinutes(minutes));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Waited {minutes} minutes for {waitingFor}; it never finished.");
            throw;
        }
    }

    /// <summary>The message of the <typeparamref name="T"/> a run threw, waiting a bounded time for it.</summary>
    public static async Task<string> MessageOf<T>(Task run, string waitingFor) where T : Exception
    {
        var error = await FailureOf(run, waitingFor);
        Assert.IsInstanceOfType<T>(error, $"waited for {waitingFor}; got {error?.GetType().Name ?? "success"}: {error?.Message}");
        return error!.Message;
    }
}

/// <summary>An engine run's output, summary and log, with helpers to read the annotated records.</summary>
internal sealed record Annotated(string Output, AnnotationSummary Summary, string Log)
{
    private IReadOnlyList<string[]>? _records;

    public IReadOnlyList<string> HeaderLines => Output.Split('\n').Where(l => l.StartsWith('#')).ToList();

    public IReadOnlyList<string[]> Records =>
        _records ??= Output.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')).ToList();

    /// <summary>INFO of the n-th record as key → raw value (flags map to "").</summary>
    public IReadOnlyDictionary<string, string> Info(int record = 0) =>
        Records[record][7].Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);

    /// <summary>An INFO value with table_annovar's escapes undone; for the per-ALT (Number=A) keys, the value of ALT <paramref name="allele"/>.</summary>
    public string Value(string key, int record = 0, int allele = 0)
    {
        if (!Info(record).TryGetValue(key, out var value))
        {
            return "(absent)";
        }

        var perAllele = key.EndsWith(".refGene", StringComparison.Ordinal) ? value.Split(',')[allele] : value;
        return perAllele.Replace("\\x3d", "=", StringComparison.Ordinal).Replace("\\x3b", ";", StringComparison.Ordinal)
            .Replace("\\x2c", ",", StringComparison.Ordinal);
    }
}
