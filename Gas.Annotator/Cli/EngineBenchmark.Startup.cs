using System.Globalization;

namespace Gas.Annotator.Cli;

/// <summary>
/// Start-up apart from annotation: each tool also runs on the input's header alone (GAS: runtime, index load, warm-up;
/// bcftools: both stages of its pipe), and the annotation-only time is the whole run's less that. Printed, never a gate.
/// </summary>
internal static partial class EngineBenchmark
{
    private static async Task<(Measurement Gas, Measurement Bcftools)> MeasureStartupAsync(
        int runs, string work, string referenceDirectory, string? cacheDirectory, string input)
    {
        var headerOnly = Path.Combine(work, "header-only.vcf");
        await File.WriteAllLinesAsync(headerOnly, File.ReadLines(input).TakeWhile(l => l.StartsWith('#')).ToList());
        List<Measurement> gas = [], bcftools = [];
        for (var i = 0; i < Math.Max(1, runs); i++)
        {
            gas.Add(await MeasureGasAsync(work, referenceDirectory, cacheDirectory, headerOnly, validate: true, "gas-startup-only"));
            bcftools.Add(await MeasureBcftoolsAsync(work, headerOnly, "bcftools-startup"));
        }

        return (gas.MinBy(m => m.WallSeconds)!, bcftools.MinBy(m => m.WallSeconds)!);
    }

    /// <summary>Where GAS's start-up goes: one more header-only run with <c>annotate --timings</c>, its phase table as printed.</summary>
    private static async Task WriteStartupPhasesAsync(string work, string referenceDirectory, string? cacheDirectory)
    {
        var headerOnly = Path.Combine(work, "header-only.vcf");
        var command = GasCommand();
        command.AddRange(["annotate", "--timings", "--reference", referenceDirectory, headerOnly, Path.Combine(work, "gas-timings.vcf")]);
        var log = await RunAsync(command[0], command.Skip(1).ToArray(), GasEnvironment(cacheDirectory, validate: true));
        await Console.Out.WriteLineAsync();
        await Console.Out.WriteLineAsync("GAS start-up by phase (one header-only run, annotate --timings; CPU and JIT summed over threads):");
        foreach (var line in log.Split('\n').Where(l => l.StartsWith('|')))
        {
            await Console.Out.WriteLineAsync(line);
        }
    }

    private static async Task WriteStartupSplitAsync(Measurement gas, Measurement gasStartup, Measurement bcftools, Measurement bcftoolsStartup)
    {
        var inv = CultureInfo.InvariantCulture;
        await Console.Out.WriteLineAsync();
        await Console.Out.WriteLineAsync("| tool | whole process s | start-up s (header only) | annotation only s | CPU s (whole) | CPU s (start-up) |");
        await Console.Out.WriteLineAsync("|---|---:|---:|---:|---:|---:|");
        foreach (var (whole, startup) in new[] { (gas, gasStartup), (bcftools, bcftoolsStartup) })
        {
            await Console.Out.WriteLineAsync(string.Create(inv,
                $"| {whole.Tool.Replace("|", "\\|", StringComparison.Ordinal)} | {whole.WallSeconds:0.000} | {startup.WallSeconds:0.000} | {Math.Max(0, whole.WallSeconds - startup.WallSeconds):0.000} | {whole.CpuSeconds:0.00} | {startup.CpuSeconds:0.00} |"));
        }

        static double Ratio(double yardstick, double measured) => measured > 0 && yardstick > 0 ? yardstick / measured : double.NaN;
        var gasCpu = (gas.CpuSeconds ?? double.NaN) - (gasStartup.CpuSeconds ?? double.NaN);
        var bcftoolsCpu = (bcftools.CpuSeconds ?? double.NaN) - (bcftoolsStartup.CpuSeconds ?? double.NaN);
        await Console.Out.WriteLineAsync(string.Create(inv,
            $"GAS against bcftools annotate -Ou (goal ≥ 1.5×): {Ratio(bcftools.WallSeconds, gas.WallSeconds):0.00}× whole process (wall), " +
            $"{Ratio(bcftools.WallSeconds - bcftoolsStartup.WallSeconds, gas.WallSeconds - gasStartup.WallSeconds):0.00}× annotation only (wall), " +
            $"{Ratio(bcftoolsCpu, gasCpu):0.00}× annotation only (CPU: {gasCpu:0.00} s against {bcftoolsCpu:0.00} s, which a busy machine disturbs less)."));
        await Console.Out.WriteLineAsync(string.Create(inv,
            $"Start-up (goal ≤ 0.15 s): GAS {gasStartup.WallSeconds:0.000} s wall, {gasStartup.CpuSeconds:0.00} s CPU; bcftools {bcftoolsStartup.WallSeconds:0.000} s wall, {bcftoolsStartup.CpuSeconds:0.00} s CPU."));
    }
}
