using System.Globalization;

namespace Gas.Annotator.Cli;

/// <summary>
/// What the VCF validator costs: GAS with it and without it (<c>Gas:Engine:ValidateVcf=false</c>) run after run on the same input,
/// so both see the same machine, and each also on the input's header alone for its start-up (which differs: the warm-up compiles
/// the validator only when it is on, once per process). The cost is measured in CPU time, which a machine busy with other work
/// disturbs far less than wall time; it is printed, never a gate.
/// </summary>
internal static partial class EngineBenchmark
{
    /// <param name="Validated">CPU seconds of the whole run with validation.</param>
    /// <param name="ValidatedStartup">CPU seconds with validation on a header-only input: runtime, index load, warm-up.</param>
    /// <param name="Unvalidated">CPU seconds of the whole run without it.</param>
    /// <param name="UnvalidatedStartup">CPU seconds without validation on a header-only input.</param>
    private sealed record ValidationCost(double Validated, double ValidatedStartup, double Unvalidated, double UnvalidatedStartup)
    {
        public double WithIt => Validated - ValidatedStartup;

        public double WithoutIt => Unvalidated - UnvalidatedStartup;

        /// <summary>The validator's CPU time as a share of the annotation's, each run's start-up left out.</summary>
        public double Share => (WithIt - WithoutIt) / WithoutIt;
    }

    private static async Task<(Measurement Validated, Measurement Unvalidated, ValidationCost? Cost)> MeasureValidationAsync(
        int runs, string work, string referenceDirectory, string? cacheDirectory, string input)
    {
        var headerOnly = Path.Combine(work, "header-only.vcf");
        await File.WriteAllLinesAsync(headerOnly, File.ReadLines(input).TakeWhile(l => l.StartsWith('#')).ToList());
        List<Measurement> validatedStartup = [], validated = [], unvalidatedStartup = [], unvalidated = [];
        for (var i = 0; i < Math.Max(1, runs); i++)
        {
            validatedStartup.Add(await MeasureGasAsync(work, referenceDirectory, cacheDirectory, headerOnly, validate: true, "gas-startup"));
            validated.Add(await MeasureGasAsync(work, referenceDirectory, cacheDirectory, input, validate: true, "gas"));
            unvalidatedStartup.Add(await MeasureGasAsync(work, referenceDirectory, cacheDirectory, headerOnly, validate: false, "gas-unvalidated-startup"));
            unvalidated.Add(await MeasureGasAsync(work, referenceDirectory, cacheDirectory, input, validate: false, "gas-unvalidated"));
        }

        static double Least(List<Measurement> all) => all.Min(m => m.CpuSeconds ?? double.NaN);
        var cost = new ValidationCost(Least(validated), Least(validatedStartup), Least(unvalidated), Least(unvalidatedStartup));
        return (Best(validated), Best(unvalidated), double.IsNaN(cost.Share) ? null : cost);
    }

    private static async Task WriteValidationCostAsync(Measurement validated, Measurement unvalidated, ValidationCost? cost)
    {
        var inv = CultureInfo.InvariantCulture;
        if (cost is not null)
        {
            await Console.Out.WriteLineAsync(string.Create(inv,
                $"Validation costs {cost.Share * 100:0.0} % of annotation time: {cost.WithIt:0.00} CPU s with it, {cost.WithoutIt:0.00} without (start-up left out: {cost.ValidatedStartup:0.00} s and {cost.UnvalidatedStartup:0.00} s; least of each)."));
        }

        if (validated.SteadyVariantsPerSecond is { } on && unvalidated.SteadyVariantsPerSecond is { } off)
        {
            await Console.Out.WriteLineAsync(string.Create(inv,
                $"By annotation-only wall-clock rate (noisier on a busy machine): {(off / on - 1) * 100:0.0} % ({on:N0} variants/s with validation, {off:N0} without)."));
        }
    }
}
