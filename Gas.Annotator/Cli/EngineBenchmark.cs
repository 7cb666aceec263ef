using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Gas.Annotator.Engine.Reference;
using Microsoft.Extensions.Configuration;

namespace Gas.Annotator.Cli;

/// <summary>
/// <c>Gas.Annotator bench</c>: generates a VCF over the reference's genes and times, in one run, GAS against
/// <c>bcftools annotate</c> (genes and cytobands from BED files made from the same tables) and <c>vcfanno</c> when installed.
/// Every tool runs as a child process under <c>/usr/bin/time</c>, which reports its peak resident memory.
/// </summary>
internal static partial class EngineBenchmark
{
    private sealed record Measurement(string Tool, double WallSeconds, double PeakMb, long Records, double? SteadyVariantsPerSecond = null);

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration)
    {
        int variants, runs, maxMemoryMb;
        string? referenceDirectory, work;
        try
        {
            variants = int.Parse(EngineCommands.Flag(ref args, "--variants") ?? "1000000", CultureInfo.InvariantCulture);
            runs = int.Parse(EngineCommands.Flag(ref args, "--runs") ?? "2", CultureInfo.InvariantCulture);
            maxMemoryMb = int.Parse(EngineCommands.Flag(ref args, "--max-memory-mb") ?? "300", CultureInfo.InvariantCulture);
            referenceDirectory = EngineCommands.Flag(ref args, "--reference");
            work = EngineCommands.Flag(ref args, "--work");
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            await Console.Error.WriteLineAsync($"bench: {e.Message}\n{EngineCommands.Usage}");
            return 64;
        }

        var options = EngineCommands.Options(configuration, referenceDirectory);
        if (options.ReferenceDirectory is null || ReferenceFiles.Discover(options.ReferenceDirectory).Genes is null)
        {
            await Console.Error.WriteLineAsync("bench: needs a reference directory with a refGene/refFlat table (--reference DIR).");
            return 64;
        }

        foreach (var tool in new[] { "bcftools", "bgzip", "tabix" })
        {
            if (Which(tool) is null)
            {
                await Console.Error.WriteLineAsync($"bench: '{tool}' is not installed (apt-get install -y bcftools tabix time).");
                return 69;
            }
        }

        if (!File.Exists("/usr/bin/time"))
        {
            await Console.Error.WriteLineAsync("bench: /usr/bin/time is not installed (apt-get install -y time).");
            return 69;
        }

        work ??= Path.Combine(Path.GetTempPath(), "gas-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(work);
        var reference = ReferenceLoader.Load(options.ReferenceDirectory, options.CacheDirectory, Console.Out);
        var input = Path.Combine(work, "input.vcf");
        var watch = Stopwatch.StartNew();
        WriteVcf(reference, input, variants);
        WriteBeds(reference, work);
        await Console.Out.WriteLineAsync($"Generated {variants:N0} variants over {reference.TranscriptCount:N0} transcripts in {watch.Elapsed.TotalSeconds:0.0} s ({work})");
        await RunAsync("bgzip", ["-f", Path.Combine(work, "genes.bed")]);
        await RunAsync("bgzip", ["-f", Path.Combine(work, "cytoband.bed")]);
        await RunAsync("tabix", ["-f", "-p", "bed", Path.Combine(work, "genes.bed.gz")]);
        await RunAsync("tabix", ["-f", "-p", "bed", Path.Combine(work, "cytoband.bed.gz")]);

        var results = new List<Measurement>();
        results.Add(Best(await Repeat(runs, () => MeasureGasAsync(work, options.ReferenceDirectory, options.CacheDirectory, input))));
        results.Add(Best(await Repeat(runs, () => MeasureBcftoolsAsync(work, input))));
        if (Which("vcfanno") is not null)
        {
            results.Add(Best(await Repeat(runs, () => MeasureVcfannoAsync(work, input))));
        }
        else
        {
            await Console.Out.WriteLineAsync("vcfanno is not installed: left out.");
        }

        await Console.Out.WriteLineAsync();
        await Console.Out.WriteLineAsync($"| tool ({variants:N0} variants, best of {runs}) | variants/s (wall, incl. start-up) | wall s | peak RSS MB | variants/s (annotation only) |");
        await Console.Out.WriteLineAsync("|---|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var steady = r.SteadyVariantsPerSecond is { } s ? s.ToString("N0", CultureInfo.InvariantCulture) : "–";
            await Console.Out.WriteLineAsync(
                $"| {r.Tool} | {(r.Records / r.WallSeconds).ToString("N0", CultureInfo.InvariantCulture)} | {r.WallSeconds.ToString("0.00", CultureInfo.InvariantCulture)} | {r.PeakMb.ToString("0", CultureInfo.InvariantCulture)} | {steady} |");
        }

        var gas = results[0];
        var bcftools = results[1];
        var failures = new List<string>();
        foreach (var r in results.Where(r => r.Records != variants))
        {
            failures.Add($"{r.Tool} wrote {r.Records:N0} records instead of {variants:N0}");
        }

        var gasRate = gas.SteadyVariantsPerSecond ?? gas.Records / gas.WallSeconds;
        var bcftoolsRate = bcftools.Records / bcftools.WallSeconds;
        // Rates depend on the machine and whatever else it runs: printed for the README's table, never a pass/fail gate.
        await Console.Out.WriteLineAsync($"GAS annotates {gasRate:N0} variants/s; bcftools annotate {bcftoolsRate:N0} variants/s.");

        if (gas.PeakMb >= maxMemoryMb)
        {
            failures.Add($"GAS peaked at {gas.PeakMb:0} MB, not under {maxMemoryMb} MB");
        }

        await Console.Out.WriteLineAsync();
        await Console.Out.WriteLineAsync(gas.Records / gas.WallSeconds >= bcftoolsRate
            ? "GAS is at least as fast as bcftools annotate, start-up included."
            : "Start-up included, bcftools annotate finished first (GAS pays about 0.2-0.3 s for the .NET runtime and the index once per process; the daemon pays it once).");
        foreach (var failure in failures)
        {
            await Console.Error.WriteLineAsync("FAIL: " + failure);
        }

        if (failures.Count == 0)
        {
            await Console.Out.WriteLineAsync($"PASS: every tool wrote {variants:N0} records; GAS peaked at {gas.PeakMb:0} MB < {maxMemoryMb} MB.");
        }

        return failures.Count == 0 ? 0 : 1;
    }

    private static async Task<List<Measurement>> Repeat(int runs, Func<Task<Measurement>> measure)
    {
        var all = new List<Measurement>();
        for (var i = 0; i < Math.Max(1, runs); i++)
        {
            all.Add(await measure());
        }

        return all;
    }

    private static Measurement Best(List<Measurement> all) => all.OrderBy(m => m.WallSeconds).First();

    private static async Task<Measurement> MeasureGasAsync(string work, string referenceDirectory, string? cacheDirectory, string input)
    {
        var output = Path.Combine(work, "gas.vcf");
        var timeFile = Path.Combine(work, "gas.time");
        List<string> command = ["/usr/bin/time", "-f", "%M", "-o", timeFile];
        var host = Environment.ProcessPath ?? "dotnet";
        command.Add(host);
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            command.Add(typeof(EngineBenchmark).Assembly.Location);
        }

        command.AddRange(["annotate", "--reference", referenceDirectory, input, output]);
        var environment = new Dictionary<string, string>();
        if (cacheDirectory is not null)
        {
            environment["Gas__Engine__CacheDirectory"] = cacheDirectory;
        }

        var watch = Stopwatch.StartNew();
        var log = await RunAsync(command[0], command.Skip(1).ToArray(), environment);
        var wall = watch.Elapsed.TotalSeconds;
        var match = EngineRate().Match(log);
        double? steady = match.Success ? double.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : null;
        return new Measurement("GAS (Gas.Annotator annotate)", wall, PeakMb(timeFile), CountRecords(output), steady);
    }

    private static async Task<Measurement> MeasureBcftoolsAsync(string work, string input)
    {
        var output = Path.Combine(work, "bcftools.vcf");
        var genesTime = Path.Combine(work, "bcftools-genes.time");
        var bandsTime = Path.Combine(work, "bcftools-bands.time");
        string Q(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        var script =
            $"/usr/bin/time -f %M -o {Q(genesTime)} bcftools annotate -a {Q(Path.Combine(work, "genes.bed.gz"))} -c CHROM,FROM,TO,GENE -l GENE:unique -h {Q(Path.Combine(work, "genes.hdr"))} {Q(input)} " +
            $"| /usr/bin/time -f %M -o {Q(bandsTime)} bcftools annotate -a {Q(Path.Combine(work, "cytoband.bed.gz"))} -c CHROM,FROM,TO,CYTOBAND -h {Q(Path.Combine(work, "cytoband.hdr"))} -o {Q(output)} -";
        var watch = Stopwatch.StartNew();
        await RunAsync("bash", ["-o", "pipefail", "-c", script]);
        var wall = watch.Elapsed.TotalSeconds;

        // the two steps run side by side in a pipe, so their memory adds up
        return new Measurement("bcftools annotate (genes | cytoband)", wall, PeakMb(genesTime) + PeakMb(bandsTime), CountRecords(output));
    }

    private static async Task<Measurement> MeasureVcfannoAsync(string work, string input)
    {
        var output = Path.Combine(work, "vcfanno.vcf");
        var timeFile = Path.Combine(work, "vcfanno.time");
        var config = Path.Combine(work, "vcfanno.toml");
        await File.WriteAllTextAsync(config, $"""
            [[annotation]]
            file="{Path.Combine(work, "genes.bed.gz")}"
            columns=[4]
            names=["GENE"]
            ops=["uniq"]

            [[annotation]]
            file="{Path.Combine(work, "cytoband.bed.gz")}"
            columns=[4]
            names=["CYTOBAND"]
            ops=["first"]
            """);
        var watch = Stopwatch.StartNew();
        var stdout = await RunAsync("/usr/bin/time", ["-f", "%M", "-o", timeFile, "vcfanno", "-p", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), config, input], captureStdout: output);
        _ = stdout;
        var wall = watch.Elapsed.TotalSeconds;
        return new Measurement("vcfanno", wall, PeakMb(timeFile), CountRecords(output));
    }

    private static void WriteVcf(ReferenceData reference, string path, int variants)
    {
        var chromosomes = reference.Chromosomes.Values.Where(c => c.Transcripts.Length > 0)
            .OrderBy(c => ChromosomeRank(c.Name)).ThenBy(c => c.Name, StringComparer.Ordinal).ToArray();
        var random = new Random(20260101);
        var picks = new (int Chrom, int Pos)[variants];
        var total = chromosomes.Sum(c => c.Transcripts.Length);
        for (var i = 0; i < variants; i++)
        {
            var n = random.Next(total);
            var c = 0;
            while (n >= chromosomes[c].Transcripts.Length)
            {
                n -= chromosomes[c].Transcripts.Length;
                c++;
            }

            var t = chromosomes[c].Transcripts[n];
            var limit = reference.ContigLengths.TryGetValue(chromosomes[c].Name, out var length) ? (int)Math.Min(length - 5, int.MaxValue) : t.TxEnd + 2000;
            picks[i] = (c, Math.Clamp(random.Next(t.TxStart - 2000, t.TxEnd + 2001), 1, limit));
        }

        Array.Sort(picks);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        writer.WriteLine("##fileformat=VCFv4.2");
        writer.WriteLine("##source=Gas.Annotator bench");
        writer.WriteLine("##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">");
        foreach (var c in chromosomes)
        {
            var length = reference.ContigLengths.TryGetValue(c.Name, out var l) ? l : c.Transcripts.Max(t => t.TxEnd) + 10_000L;
            writer.WriteLine($"##contig=<ID={c.Name},length={length}>");
        }

        writer.WriteLine("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO");
        const string bases = "ACGT";
        foreach (var (chrom, pos) in picks)
        {
            var kind = random.Next(20);
            var a = bases[random.Next(4)];
            var b = bases[(bases.IndexOf(a, StringComparison.Ordinal) + 1 + random.Next(3)) % 4];
            var (refAllele, altAllele) = kind switch
            {
                0 => ($"{a}{b}{a}", $"{a}"),        // deletion
                1 => ($"{a}", $"{a}{b}{b}"),        // insertion
                _ => ($"{a}", $"{b}"),              // SNV
            };
            writer.Write(chromosomes[chrom].Name);
            writer.Write('\t');
            writer.Write(pos.ToString(CultureInfo.InvariantCulture));
            writer.Write("\t.\t");
            writer.Write(refAllele);
            writer.Write('\t');
            writer.Write(altAllele);
            writer.Write("\t50\tPASS\tDP=");
            writer.Write((10 + random.Next(90)).ToString(CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }

    private static void WriteBeds(ReferenceData reference, string work)
    {
        var chromosomes = reference.Chromosomes.Values.OrderBy(c => ChromosomeRank(c.Name)).ThenBy(c => c.Name, StringComparer.Ordinal).ToArray();
        using (var genes = new StreamWriter(Path.Combine(work, "genes.bed"), false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            foreach (var c in chromosomes)
            {
                foreach (var t in c.Transcripts)
                {
                    genes.WriteLine($"{c.Name}\t{t.TxStart - 1}\t{t.TxEnd}\t{t.Gene}");
                }
            }
        }

        using (var bands = new StreamWriter(Path.Combine(work, "cytoband.bed"), false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            foreach (var c in chromosomes)
            {
                foreach (var band in c.Bands)
                {
                    bands.WriteLine($"{c.Name}\t{band.Start - 1}\t{band.End}\t{c.Name}{band.Name}");
                }
            }
        }

        File.WriteAllText(Path.Combine(work, "genes.hdr"), "##INFO=<ID=GENE,Number=.,Type=String,Description=\"Overlapping genes\">\n");
        File.WriteAllText(Path.Combine(work, "cytoband.hdr"), "##INFO=<ID=CYTOBAND,Number=1,Type=String,Description=\"Cytoband\">\n");
    }

    private static int ChromosomeRank(string name) =>
        int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : name switch { "X" => 23, "Y" => 24, "M" or "MT" => 25, _ => 26 };

    private static long CountRecords(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        long count = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length > 0 && line[0] != '#')
            {
                count++;
            }
        }

        return count;
    }

    private static double PeakMb(string timeFile)
    {
        var text = File.Exists(timeFile) ? File.ReadAllLines(timeFile).LastOrDefault(l => l.Trim().Length > 0) : null;
        return long.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb / 1024.0 : double.NaN;
    }

    private static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);

    private static async Task<string> RunAsync(string file, string[] arguments, Dictionary<string, string>? environment = null, string? captureStdout = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stderr = process.StandardError.ReadToEndAsync();
        if (captureStdout is not null)
        {
            await using var file2 = File.Create(captureStdout);
            await process.StandardOutput.BaseStream.CopyToAsync(file2);
        }
        else
        {
            await process.StandardOutput.ReadToEndAsync();
        }

        await process.WaitForExitAsync();
        var errors = await stderr;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {errors}");
        }

        return errors;
    }

    [GeneratedRegex(@"Elapsed: [0-9.]+ s \(([0-9,]+) variants/s\)")]
    private static partial Regex EngineRate();
}
