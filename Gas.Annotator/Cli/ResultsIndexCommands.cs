using System.Diagnostics;
using System.Globalization;
using Gas.Annotator.Engine;
using Gas.Annotator.Engine.Reference;
using Gas.Core.VariantIndex;

namespace Gas.Annotator.Cli;

/// <summary>
/// <c>index build ANNOTATED.vcf INDEX.sqlite</c> writes a job's results index from an annotated VCF;
/// <c>index bench</c> times annotation against index building, and the index's queries, on a generated VCF.
/// The benchmark prints figures and never fails on them.
/// </summary>
public static class ResultsIndexCommands
{
    public const string Usage = """
        Gas.Annotator index build ANNOTATED.vcf INDEX.sqlite   write the results index of an annotated VCF
        Gas.Annotator index queries INDEX.sqlite               time the queries behind the pages on an index
        Gas.Annotator index bench [--variants N] [--runs R] [--reference DIR] [--work DIR] [--only annotate|fill|index]
                                                               time annotating vs indexing a generated VCF (and vs only filling the
                                                               index's batches, nothing written), and the index's queries
                                                               (--only: time one side alone, e.g. to profile it under perf)
        """;

    public static Task<int>? TryRunAsync(string[] args) => args switch
    {
        ["index", "build", var vcf, var index] => Task.FromResult(Build(vcf, index)),
        ["index", "bench", .. var rest] => BenchAsync(rest),
        ["index", "queries", var index] => Task.FromResult(Queries(index)),
        ["index", ..] => Task.FromResult(Fail("usage:\n" + Usage)),
        _ => null,
    };

    private static int Build(string vcf, string index)
    {
        using var input = File.OpenRead(vcf);
        var stats = ResultsIndexBuilder.Build(input, index);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Indexed {stats.Records:N0} records, {stats.Alleles:N0} alleles in {stats.Elapsed.TotalSeconds:0.000} s ({stats.Bytes / 1048576.0:0.0} MB): {index}"));
        return 0;
    }

    private static int Queries(string index)
    {
        QueryTimings(index, runs: 9);
        return 0;
    }

    private static async Task<int> BenchAsync(string[] args)
    {
        int variants, runs;
        string? referenceDirectory, work, only;
        try
        {
            variants = int.Parse(EngineCommands.Flag(ref args, "--variants") ?? "1000000", CultureInfo.InvariantCulture);
            runs = int.Parse(EngineCommands.Flag(ref args, "--runs") ?? "3", CultureInfo.InvariantCulture);
            referenceDirectory = EngineCommands.Flag(ref args, "--reference");
            work = EngineCommands.Flag(ref args, "--work");
            only = EngineCommands.Flag(ref args, "--only");
            if (only is not (null or "annotate" or "fill" or "index"))
            {
                throw new ArgumentException($"--only takes annotate, fill or index, not '{only}'.");
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return Fail($"index bench: {e.Message}\n{Usage}");
        }

        var options = EngineCommands.Options(EngineCommands.Configuration(), referenceDirectory);
        if (options.ReferenceDirectory is null)
        {
            return Fail("index bench: needs a reference directory (--reference DIR).");
        }

        work ??= Path.Combine(Path.GetTempPath(), "gas-index-bench");
        Directory.CreateDirectory(work);
        using var promotions = new GcPromotions();
        var reference = ReferenceLoader.Load(options.ReferenceDirectory, options.CacheDirectory, Console.Out);
        var input = Path.Combine(work, "bench.vcf");
        var annotated = Path.Combine(work, "bench.annot.vcf");
        var index = Path.Combine(work, "bench.annot.index.sqlite");
        ResultsBenchVcf.Write(reference, input, variants);
        var engine = new ReferenceVcfEngine(reference, TimeProvider.System);

        // annotation alone, annotation filling the index's batches without writing them, and annotation with the index,
        // alternated (A F B A F B …) so that a change in the machine's load between runs falls on all alike; the index's cost
        // is the median of each run's difference, and the fill's share of it the same with the batches only filled
        ResultsIndexStats? stats = null;
        var annotate = new List<(double Wall, double Cpu)>();
        var filled = new List<(double Wall, double Cpu)>();
        var both = new List<(double Wall, double Cpu)>();
        var indexThread = new List<double>();

        // a job writes to files of its own (a new name each attempt): the last run's files are removed before the clock starts,
        // or each run would also time the kernel dropping 124 MB of output and the index from its page cache
        async Task<string> TimedRunAsync(List<(double Wall, double Cpu)> times, Func<Task> step)
        {
            File.Delete(annotated);
            File.Delete(index);
            // counted from after the collection that starts each timed run, which is not the run's
            var (gcs, gen1s, allocated, paused) = (0, 0, 0L, TimeSpan.Zero);
            times.Add(await TimeOnceAsync(step, () =>
            {
                (gcs, gen1s, allocated, paused) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.GetTotalAllocatedBytes(true), GC.GetTotalPauseDuration());
                promotions.Take();
            }));
            var (fromGen0, fromGen1) = promotions.Take();
            return string.Create(CultureInfo.InvariantCulture,
                $"{times[^1].Wall:0.000} s ({times[^1].Cpu:0.000} CPU, {GC.CollectionCount(0) - gcs} GCs of which {GC.CollectionCount(1) - gen1s} gen1, pausing {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:0} ms, {(GC.GetTotalAllocatedBytes(true) - allocated) >> 20} MB allocated, {fromGen0 / 1048576.0:0.0} / {fromGen1 / 1048576.0:0.0} MB promoted out of gen0 / gen1)");
        }

        for (var run = 0; run < Math.Max(1, runs); run++)
        {
            var alone = only is "fill" or "index" ? null : await TimedRunAsync(annotate, async () =>
            {
                await using var source = File.OpenRead(input);
                await using var output = File.Create(annotated);
                await engine.AnnotateAsync(source, output, TextWriter.Null);
            });
            var fill = only is "annotate" or "index" ? null : await TimedRunAsync(filled, async () =>
            {
                await using var source = File.OpenRead(input);
                await using var file = File.Create(annotated);
                await using var output = new FillOnlyOutput(file);
                await engine.AnnotateAsync(source, output, TextWriter.Null);
            });
            var tail = TimeSpan.Zero;
            var withIndex = only is "annotate" or "fill" ? null : await TimedRunAsync(both, async () =>
            {
                await using var source = File.OpenRead(input);
                await using var file = File.Create(annotated);
                await using var output = new IndexingOutputStream(file, index, CancellationToken.None);
                await engine.AnnotateAsync(source, output, TextWriter.Null);
                var engineDone = Stopwatch.GetTimestamp();
                stats = await output.CompleteAsync();
                tail = Stopwatch.GetElapsedTime(engineDone);
                indexThread.Add(stats.Cpu?.TotalSeconds ?? double.NaN);
            });
            string?[] sides = [alone is null ? null : $"annotate {alone}", fill is null ? null : $"filling the batches {fill}", withIndex is null ? null : string.Create(CultureInfo.InvariantCulture, $"with the index {withIndex}, index finished {tail.TotalMilliseconds:0} ms after the engine, its thread using {indexThread[^1]:0.000} CPU s")];
            Console.WriteLine($"run {run + 1}: " + string.Join(", ", sides.OfType<string>()));
        }

        if (only is not null)
        {
            Console.WriteLine($"--only {only}: one side timed, nothing compared.");
            return 0;
        }

        var build = await TimeAsync(runs, () =>
        {
            using var source = File.OpenRead(annotated);
            ResultsIndexBuilder.Build(source, index + ".fromfile");
            return Task.CompletedTask;
        });

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{stats!.Records:N0} records, {stats.Alleles:N0} alleles; index {stats.Bytes / 1048576.0:0.0} MB, annotated VCF {new FileInfo(annotated).Length / 1048576.0:0.0} MB"));
        Console.WriteLine("The index's bytes: " + string.Join(", ", ResultsIndexSpace.Measure(index).Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"{p.Part} {p.Bytes / 1048576.0:0.0} MB"))) + " (the rest: free space in pages, B-tree pages, small tables)");
        Console.WriteLine("| step (median of " + runs + "; CPU is the process's, all threads) | wall s | CPU s |");
        Console.WriteLine("|---|---:|---:|");
        var (wall, cpu) = (Median(annotate.ConvertAll(t => t.Wall)), Median(annotate.ConvertAll(t => t.Cpu)));
        var (addedWall, addedCpu) = (Median([.. annotate.Zip(both, (a, b) => b.Wall - a.Wall)]), Median([.. annotate.Zip(both, (a, b) => b.Cpu - a.Cpu)]));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| annotate (engine, reference loaded) | {wall:0.000} | {cpu:0.000} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| annotate and index in the same pass (as the annotator does) | {Median(both.ConvertAll(t => t.Wall)):0.000} | {Median(both.ConvertAll(t => t.Cpu)):0.000} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| added by the index (median of the {annotate.Count} pairs' differences) | {addedWall:0.000} ({addedWall / wall * 100:0} %) | {addedCpu:0.000} ({addedCpu / cpu * 100:0} %) |"));
        var (fillWall, fillCpu) = (Median([.. annotate.Zip(filled, (a, f) => f.Wall - a.Wall)]), Median([.. annotate.Zip(filled, (a, f) => f.Cpu - a.Cpu)]));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| of which filling the batches on the engine's workers (annotate filling them, nothing written; median of the differences) | {fillWall:0.000} ({fillWall / wall * 100:0} %) | {fillCpu:0.000} ({fillCpu / cpu * 100:0} %) |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| of which writing them (SQLite, the index's thread: the rest) | {addedWall - fillWall:0.000} | {addedCpu - fillCpu:0.000} |"));
        var threadCpu = Median(indexThread);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| the index's own thread (its CPU time as the system counts it, median; steadier than the differences above, which the workers' swings enter) | | {threadCpu:0.000} ({threadCpu / cpu * 100:0} %) |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| index built from the annotated file (the web tier's first view of an old job) | {build.Wall:0.000} | {build.Cpu:0.000} |"));
        Console.WriteLine();
        QueryTimings(index, runs: 9);
        Console.WriteLine($"Files left in {work} (bench.vcf is the job scripts/bench-results.sh submits).");
        return 0;
    }

    /// <summary>
    /// The queries behind the pages, timed in-process (median ms): what the pages cost before rendering. "New filter" is the
    /// first request of a filter on an open index (its summary and block counts not yet memoised), "again" a later page of it.
    /// </summary>
    private static void QueryTimings(string path, int runs)
    {
        var index = new ResultsIndex(path);
        var gene = index.Summary(new VariantFilter()).TopGenes is [var top, ..] ? top.Label : "BRCA2";
        (string Name, Func<ResultsIndex, object> Query)[] cases =
        [
            ("summary (whole job)", i => i.Summary(new VariantFilter())),
            ("page 1, no filter", i => i.Page(new VariantFilter(), VariantSort.Position, 1, 50)),
            ("func=exonic", i => i.Page(new VariantFilter { Funcs = ["exonic"] }, VariantSort.Position, 1, 50)),
            ("func=intronic, page 100", i => i.Page(new VariantFilter { Funcs = ["intronic"] }, VariantSort.Position, 100, 50)),
            ($"gene={gene}", i => i.Page(new VariantFilter { Gene = gene }, VariantSort.Position, 1, 50)),
            ("chrom=1&known=0", i => i.Page(new VariantFilter { Chrom = "1", Known = false }, VariantSort.Position, 1, 50)),
            ("gwas=1", i => i.Page(new VariantFilter { GwasOnly = true }, VariantSort.Position, 1, 50)),
            ("region=17:41000000-42000000", i => i.Page(new VariantFilter { Region = new GenomicRegion("17", 41_000_000, 42_000_000) }, VariantSort.Position, 1, 50)),
            ("q=brca", i => i.Page(new VariantFilter { Text = "brca" }, VariantSort.Position, 1, 50)),
            ("q=NM_000059 (reads every allele's text)", i => i.Page(new VariantFilter { Text = "NM_000059" }, VariantSort.Position, 1, 50)),
            ("sort=qual", i => i.Page(new VariantFilter(), VariantSort.Qual, 1, 50)),
            ("func=intronic&sort=-position, page 100", i => i.Page(new VariantFilter { Funcs = ["intronic"] }, VariantSort.PositionDescending, 100, 50)),
        ];
        Console.WriteLine($"| query (in-process, median of {runs}) | new filter ms | again ms |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (name, query) in cases)
        {
            var cold = new List<double>();
            var warm = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                var fresh = new ResultsIndex(path);
                fresh.Summary(new VariantFilter { Funcs = ["none-such"] }); // labels, facets and blocks read, as on an open index
                var watch = Stopwatch.StartNew();
                query(fresh);
                cold.Add(watch.Elapsed.TotalMilliseconds);
                watch.Restart();
                query(fresh);
                warm.Add(watch.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Median(cold):0.0} | {Median(warm):0.0} |"));
        }
    }

    /// <summary>Median wall-clock and process CPU seconds of a step: on a shared machine the CPU time says what the step costs.</summary>
    private static async Task<(double Wall, double Cpu)> TimeAsync(int runs, Func<Task> step)
    {
        var times = new List<(double Wall, double Cpu)>();
        for (var i = 0; i < Math.Max(1, runs); i++)
        {
            times.Add(await TimeOnceAsync(step));
        }

        return (Median(times.ConvertAll(t => t.Wall)), Median(times.ConvertAll(t => t.Cpu)));
    }

    private static async Task<(double Wall, double Cpu)> TimeOnceAsync(Func<Task> step, Action? started = null)
    {
        GC.Collect();
        started?.Invoke();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await step();
        var wall = watch.Elapsed.TotalSeconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 64;
    }
}
