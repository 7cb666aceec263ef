using System.Globalization;
using Gas.Cli.Api;

namespace Gas.Cli.Commands;

/// <summary>Jobs as people read them: one block per job for <c>status</c>, one line per job for <c>list</c>.</summary>
public static class JobText
{
    public static string Details(Job job)
    {
        var lines = new List<(string, string?)>
        {
            ("Job", job.Id),
            ("Name", job.Name),
            ("Input", job.InputFileName),
            ("Status", job.Status),
            ("Submitted", Time(job.SubmittedAt)),
            ("Completed", job.CompletedAt is { } completed ? Time(completed) : null),
            ("Build", job.GenomeBuild),
            ("Variants", job.VariantCount?.ToString("N0", CultureInfo.InvariantCulture)),
            ("Failure", job.FailureReason),
            ("Results", Results(job)),
        };
        return string.Join('\n', lines.Where(l => !string.IsNullOrEmpty(l.Item2)).Select(l => $"{l.Item1 + ":",-11}{l.Item2}"));
    }

    public static string Table(JobPage page)
    {
        if (page.Items.Count == 0)
        {
            return page.Page > 1 ? $"No jobs on page {page.Page}." : "No jobs.";
        }

        var rows = page.Items.Select(j => new[] { j.Id, j.Status, Time(j.SubmittedAt), j.InputFileName, j.Name ?? "" }).ToList();
        rows.Insert(0, ["ID", "STATUS", "SUBMITTED", "INPUT", "NAME"]);
        var widths = Enumerable.Range(0, 5).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var lines = rows.Select(r => string.Join("  ", r.Select((cell, c) => c == 4 ? cell : cell.PadRight(widths[c]))).TrimEnd()).ToList();
        if (page.HasMore)
        {
            lines.Add($"More on the next page: gas list --page {page.Page + 1}");
        }

        return string.Join('\n', lines);
    }

    private static string? Results(Job job) => job.Status != JobStatuses.Completed ? null : job.ArchiveState switch
    {
        "ARCHIVED" => "archived (Premium restores them)",
        "RESTORING" => "being restored from the archive",
        _ when job.ResultsAvailable => $"available (gas download {job.Id})",
        _ => "not available",
    };

    // the viewer's local time, as the pages show it
    private static string Time(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
}
