using Gas.Core.Jobs;
using Gas.Core.Storage;
using Gas.Core.Validation;
using Gas.RazorPages.Infrastructure;

namespace Gas.RazorPages.Jobs;

/// <summary>
/// Finished jobs' validation reports, read from the results store once and then served from memory: the job page showed the
/// report on every view by opening, reading and parsing its JSON each time. A report is written before its job is marked
/// finished and never again (a re-annotation is a new job), so a finished job's report cannot go stale; entries still expire
/// (<see cref="Lifetime"/>) and are bounded in number. A job without one is not remembered, so a report that appears is seen.
/// </summary>
public sealed class ValidationReportMemory(IObjectStore objects, TimeProvider time)
{
    /// <summary>How long a report is served from memory before the store is asked again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    internal const int MaxEntries = 2_000;

    private readonly ExpiringMemory<ValidationReport> _reports = new(time, Lifetime, MaxEntries);

    /// <summary>The finished job's report, or null when it has none (or is not finished).</summary>
    public async Task<ValidationReport?> ReadAsync(AnnotationJob job, CancellationToken ct)
    {
        if (!job.IsFinished || job.ResultsBucket is null || job.LogKey is null)
        {
            return null;
        }

        var key = job.ResultsBucket + "/" + ValidationReports.KeyFor(job.LogKey);
        if (_reports.TryGet(key, out var known))
        {
            return known;
        }

        var report = await ValidationReports.ReadAsync(objects, job, ct);
        if (report is not null)
        {
            _reports.Set(key, report);
        }

        return report;
    }
}
