using System.Globalization;

namespace Gas.Annotator.Cli;

/// <summary>
/// What the VCF validator costs: GAS with it and without it (<c>Gas:Engine:ValidateVcf=false</c>) run after run on the same input,
/// so both see the same machine, and on the input's header alone for the start-up. The cost is measured in CPU time, which a
/// machine busy with other work disturbs far less than wall time; it is printed, never a gate.
/// </summary>
internal static partial class EngineBenchmark
{
    /// <param name="Startup">CPU seconds GAS spends on a header-only input: runtime, index load, warm-up.</param>
    /// <param name="Validated">CPU seconds of the whole run with validation.</param>
    /// <param name="Unvalidated">CPU seconds of the whole run without it.</param>
    private sealed record ValidationCost(double Startup, double Validated, double Unvalidated)
    {
        /// <summary>The validator's CPU time as a share of the annotation's, start-up left out.</summary>
        public double Share => (Validated - Unvalidated) / (Unvalidated - Startup);
    }

    private static async Task<(Measurement Validated, Measurement Unvalidated, ValidationCost? Cost)> MeasureValidationAsync(
        int runs, string work, string referenceDirectory, string? cacheDirectory, string input)
    {
        var headerOnly = Path.Combine(work, "header-only.vcf");
        await File.WriteAllLinesAsync(headerOnly, File.ReadLines(input).TakeWhile(l => l.StartsWith('#')).ToList());
        List<Measurement> startup = [], validated = [], unvalidated = [];
        for (var i = 0; i < Math.Max(1, runs); i++)
        {
            startup.Add(await MeasureGasAsync(work, referenceDirectory, cacheDirectory, headerOnly, validate: true, "gas-startup"));
            validated.Add(await MeasureGasAsync(work, referenceDirectory, cacheDirectory, input, validate: true, "gas"));
            unvalidated.Add(await MeasureGasAsync(work, referenceDirectory, cacheDirectory, input, validate: false, "gas-unvalidated"));
        }

        var cost = startup.Concat(validated).Concat(unvalidated).All(m => m.CpuSeconds is not null)
            ? new ValidationCost(startup.Min(m => m.CpuSeconds!.Value), validated.Min(m => m.CpuSeconds!.Value), unvalidated.Min(m => m.CpuSeconds!.Value))
            : null;
        return (Best(validated), Best(unvalidated), cost);
    }

    private static async Task WriteValidationCostAsync(Measurement validated, Measurement unvalidated, ValidationCost? cost)
    {
        var inv = CultureInfo.InvariantCulture;
        if (cost is not null)
        {
            await Console.Out.WriteLineAsync(string.Create(inv,
                $"Validation costs {cost.Share * 100:0.0} % of annotation time: {cost.Validated:0.00} CPU s with it, {cost.Unvalidated:0.00} without, {cost.Startup:0.00} of them start-up (least of each)."));
        }

        if (validated.SteadyVariantsPerSecond is { } on && unvalidated.SteadyVariantsPerSecond is { } off)
        {
            await Console.Out.WriteLineAsync(string.Create(inv,
                $"By annotation-only wall-clock rate (noisier on a busy machine): {(off / on - 1) * 100:0.0} % ({on:N0} variants/s with validation, {off:N0} without)."));
        }
    }
}
