using System.Globalization;
using Gas.Core.Validation;

namespace Gas.Annotator.Engine.Validation;

/// <summary>
/// A validation report as text, for the job's log and the command line's standard error: a summary line, then per broken rule a
/// heading and its lines as <c>Line N: …</c>, at most <see cref="FindingTally.LinesPerRule"/> each, whatever the input.
/// </summary>
public static class ValidationLog
{
    public static async Task WriteAsync(ValidationReport report, TextWriter log)
    {
        var inv = CultureInfo.InvariantCulture;
        await log.WriteLineAsync(Summary(report));
        foreach (var finding in report.Findings)
        {
            await log.WriteLineAsync(
                $"{finding.Rule} ({(finding.Level == FindingLevel.Error ? "error" : "warning")}, {finding.Count.ToString("N0", inv)}×): {finding.Title} [{finding.Specification}]");
            foreach (var line in finding.First)
            {
                await log.WriteLineAsync(line.Line is { } n ? $"Line {n.ToString(inv)}: {line.Message}" : line.Message);
            }

            if (finding.Count > finding.First.Count)
            {
                await log.WriteLineAsync($"… and {(finding.Count - finding.First.Count).ToString("N0", inv)} more.");
            }
        }

        foreach (var note in report.Notes)
        {
            await log.WriteLineAsync($"Note: {note}");
        }
    }

    /// <summary>One line: the rules applied, errors and warnings by count and kind.</summary>
    public static string Summary(ValidationReport report)
    {
        var inv = CultureInfo.InvariantCulture;
        var kinds = report.Findings.Count(f => f.Level == FindingLevel.Warning);
        var declared = report.DeclaredVersion is { } v ? $" (the file declares {v})" : "";
        return report.Rules == "none"
            ? $"Validation: off (only what annotation needs was checked); {report.Errors.ToString("N0", inv)} error(s)."
            : $"Validation by the {report.Rules} rules{declared}: {report.Errors.ToString("N0", inv)} error(s), " +
              $"{report.Warnings.ToString("N0", inv)} warning(s) of {kinds.ToString(inv)} kind(s) in {report.Records.ToString("N0", inv)} record(s).";
    }
}
