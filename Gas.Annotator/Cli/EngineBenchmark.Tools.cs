using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Gas.Annotator.Cli;

/// <summary>Each tool timed as a child process under <c>/usr/bin/time</c>: GAS, bcftools annotate (two in a pipe, BCF between them), vcfanno.</summary>
internal static partial class EngineBenchmark
{
    /// <summary>
    /// GAS as a child process, with its CPU time (user + system) from <c>/usr/bin/time</c>; <paramref name="validate"/> false turns
    /// the VCF validator off (<c>Gas:Engine:ValidateVcf</c>). <paramref name="name"/> names its output and time files;
    /// <paramref name="tool"/> its row in the table (by default: ExonicFunc off, validation on or off).
    /// </summary>
    private static async Task<Measurement> MeasureGasAsync(
        string work, string referenceDirectory, string? cacheDirectory, string input, bool validate, string name, string? tool = null)
    {
        var output = Path.Combine(work, name + ".vcf");
        var timeFile = Path.Combine(work, name + ".time");
        List<string> command = ["/usr/bin/time", "-f", "%U %S %M", "-o", timeFile, .. GasCommand()];
        command.AddRange(["annotate", "--reference", referenceDirectory, input, output]);
        var environment = GasEnvironment(cacheDirectory, validate);

        var watch = Stopwatch.StartNew();
        var log = await RunAsync(command[0], command.Skip(1).ToArray(), environment);
        var wall = watch.Elapsed.TotalSeconds;
        var match = EngineRate().Match(log);
        double? steady = match.Success ? double.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : null;
        tool ??= validate ? "GAS (ExonicFunc off)" : "GAS (ExonicFunc off), validation off (Gas__Engine__ValidateVcf=false)";
        return new Measurement(tool, wall, PeakMb(timeFile), CountRecords(output), steady, CpuSeconds(timeFile));
    }

    /// <summary>This annotator as a command line: its own executable, or <c>dotnet</c> and its assembly.</summary>
    private static List<string> GasCommand()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? [host, typeof(EngineBenchmark).Assembly.Location]
            : [host];
    }

    private static Dictionary<string, string> GasEnvironment(string? cacheDirectory, bool validate)
    {
        var environment = new Dictionary<string, string> { ["Gas__Engine__ValidateVcf"] = validate ? "true" : "false" };
        if (cacheDirectory is not null)
        {
            environment["Gas__Engine__CacheDirectory"] = cacheDirectory;
        }

        return environment;
    }

    /// <summary>
    /// bcftools annotate run the fair way: genes, then cytobands, the stages joined by uncompressed BCF (<c>-Ou</c>), not text VCF
    /// (which costs it about 1.25×); <paramref name="name"/> names its output and time files.
    /// </summary>
    private static async Task<Measurement> MeasureBcftoolsAsync(string work, string input, string name = "bcftools")
    {
        var output = Path.Combine(work, name + ".vcf");
        var genesTime = Path.Combine(work, name + "-genes.time");
        var bandsTime = Path.Combine(work, name + "-bands.time");
        string Q(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        var script =
            $"/usr/bin/time -f '%U %S %M' -o {Q(genesTime)} bcftools annotate -Ou -a {Q(Path.Combine(work, "genes.bed.gz"))} -c CHROM,FROM,TO,GENE -l GENE:unique -h {Q(Path.Combine(work, "genes.hdr"))} {Q(input)} " +
            $"| /usr/bin/time -f '%U %S %M' -o {Q(bandsTime)} bcftools annotate -a {Q(Path.Combine(work, "cytoband.bed.gz"))} -c CHROM,FROM,TO,CYTOBAND -h {Q(Path.Combine(work, "cytoband.hdr"))} -o {Q(output)} -";
        var watch = Stopwatch.StartNew();
        await RunAsync("bash", ["-o", "pipefail", "-c", script]);
        var wall = watch.Elapsed.TotalSeconds;

        // the two steps run side by side in a pipe, so their memory and CPU add up
        var cpu = CpuSeconds(genesTime) + CpuSeconds(bandsTime);
        return new Measurement("bcftools annotate -Ou (genes | cytoband)", wall, PeakMb(genesTime) + PeakMb(bandsTime), CountRecords(output), CpuSeconds: cpu);
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

    [GeneratedRegex(@"Elapsed: [0-9.]+ s \(([0-9,]+) variants/s\)")]
    private static partial Regex EngineRate();
}
