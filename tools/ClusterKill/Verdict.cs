using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Gas.Core.Validation;
using Gas.Core.VariantIndex;

namespace Gas.ClusterKill;

/// <summary>The end state a run must reach, checked from the evidence; each violation is one line naming what is wrong.</summary>
public sealed class Verdict
{
    private readonly List<string> _violations = [];

    public IReadOnlyList<string> Violations => _violations;

    /// <summary>Notes that are not violations (e.g. results published again after a kill), for the report.</summary>
    public List<string> Notes { get; } = [];

    public static Verdict Judge(
        IReadOnlyList<string> submitted, IReadOnlyList<AnnotationJob> jobs, IReadOnlyList<JobResult> published,
        IReadOnlyDictionary<string, int> completionLines, IReadOnlyList<Mail> mails, IReadOnlyList<QueueDepth> queues,
        IReadOnlyDictionary<string, IReadOnlyList<string>> buckets, ClusterLayout layout)
    {
        var verdict = new Verdict();
        var byId = jobs.ToDictionary(j => j.JobId, StringComparer.Ordinal);
        var mine = submitted.ToHashSet(StringComparer.Ordinal);

        verdict.Check(submitted.Count == mine.Count, $"the web tier handed out {submitted.Count - mine.Count} job ids twice");
        foreach (var stray in jobs.Where(j => !mine.Contains(j.JobId)))
        {
            verdict.Fail($"job {stray.JobId} ({stray.Status}) is in the table but no submission created it");
        }

        foreach (var id in submitted)
        {
            verdict.JudgeJob(id, byId.GetValueOrDefault(id), published, completionLines, mails);
        }

        foreach (var mail in mails.Where(m => Evidence.JobOf(m) is { } job && !mine.Contains(job)))
        {
            verdict.Fail($"an email about an unknown job: '{mail.Subject}' to {mail.To}");
        }

        foreach (var queue in queues.Where(q => !q.IsEmpty))
        {
            verdict.Fail($"queue not empty: {queue}");
        }

        verdict.JudgeObjects(jobs, buckets, layout);
        var republished = published.Count - published.Select(r => r.JobId).Distinct(StringComparer.Ordinal).Count();
        verdict.Notes.Add($"{published.Count} results published for {submitted.Count} jobs ({republished} published again after a redelivery)");
        verdict.Notes.Add($"claims per job: " + string.Join(", ", jobs.GroupBy(j => j.Attempts).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}")));
        return verdict;
    }

    private void JudgeJob(string id, AnnotationJob? job, IReadOnlyList<JobResult> published, IReadOnlyDictionary<string, int> completionLines,
        IReadOnlyList<Mail> mails)
    {
        if (job is null)
        {
            Fail($"job {id}: the web tier answered with it, but it is not in the table");
            return;
        }

        if (job.Status != JobStatus.Completed)
        {
            Fail($"job {id}: {job.Status.ToStoredName()}, not COMPLETED{(job.FailureReason is { } reason ? $" ({reason})" : "")}");
            return;
        }

        var lines = completionLines.GetValueOrDefault(id);
        Check(lines <= 1, $"job {id}: completed {lines} times (annotator log lines 'Job {id} completed')");
        var results = published.Where(r => r.JobId == id).ToList();
        Check(results.Count > 0, $"job {id}: COMPLETED but no result was ever published");
        foreach (var result in results.Where(r => r.Status != "COMPLETED" || r.CompleteTime != job.CompleteTime))
        {
            Fail($"job {id}: a published result says {result.Status} at {result.CompleteTime}, the job says COMPLETED at {job.CompleteTime} " +
                 "(a second completion, or a result that is not the job's)");
        }

        // One message per job: two transmissions with one Message-ID are the same message sent again (a util killed between the
        // SMTP server's acceptance and its record; exactly-once is not to be had over SMTP), noted rather than failed. Two ids
        // are two emails.
        var emails = mails.Where(m => Evidence.JobOf(m) == id).ToList();
        var messages = emails.GroupBy(m => string.IsNullOrEmpty(m.MessageId) ? Guid.NewGuid().ToString() : m.MessageId, StringComparer.Ordinal).ToList();
        Check(messages.Count == 1, $"job {id}: {messages.Count} emails (by Message-ID), not exactly one: " +
            string.Join("; ", emails.Select(m => $"'{m.Subject}' to {m.To} ({m.MessageId})")));
        if (messages.Count == 1 && emails.Count > 1)
        {
            Notes.Add($"job {id}: its one email was transmitted {emails.Count} times with the same Message-ID {emails[0].MessageId} " +
                      "(a util killed between the mail server's acceptance and its record)");
        }
        Check(emails.All(m => m.Subject.EndsWith("is complete", StringComparison.Ordinal)), $"job {id}: an email that does not say it completed");
    }

    /// <summary>Every object belongs to a job in the state the job records; nothing a job refers to is missing.</summary>
    private void JudgeObjects(IReadOnlyList<AnnotationJob> jobs, IReadOnlyDictionary<string, IReadOnlyList<string>> buckets, ClusterLayout layout)
    {
        var inputs = buckets[layout.InputsBucket].ToHashSet(StringComparer.Ordinal);
        var results = buckets[layout.ResultsBucket].ToHashSet(StringComparer.Ordinal);
        var archive = buckets[layout.ArchiveBucket].ToHashSet(StringComparer.Ordinal);
        var expectedInputs = jobs.Select(j => j.InputKey).ToHashSet(StringComparer.Ordinal);
        var expectedResults = jobs.SelectMany(j => new[] { j.LogKey, j.ArchiveState == ArchiveState.Hot ? j.ResultKey : null })
            .OfType<string>().Where(k => k.Length > 0).ToHashSet(StringComparer.Ordinal);
        var expectedArchive = jobs.Select(j => j.ResultsArchiveId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        // Named after a job's keys rather than recorded on it: the validation report beside the log, the results index (kept as a
        // summary once the results are archived) beside the results.
        var derivedResults = jobs.SelectMany(j => new[]
            {
                string.IsNullOrEmpty(j.LogKey) ? null : ValidationReports.KeyFor(j.LogKey),
                !string.IsNullOrEmpty(j.ResultKey) ? ResultsIndexFormat.IndexKeyFor(j.ResultKey) : null,
            }).OfType<string>();

        foreach (var (bucket, actual, expected, allowed) in new[]
                 {
                     (layout.InputsBucket, inputs, expectedInputs, expectedInputs),
                     (layout.ResultsBucket, results, expectedResults, expectedResults.Union(derivedResults).ToHashSet(StringComparer.Ordinal)),
                     (layout.ArchiveBucket, archive, expectedArchive, expectedArchive),
                 })
        {
            foreach (var orphan in actual.Except(allowed))
            {
                Fail($"orphan object {bucket}/{orphan}: no job refers to it (in its current state)");
            }

            foreach (var missing in expected.Except(actual))
            {
                Fail($"missing object {bucket}/{missing}: a job refers to it");
            }
        }

        var archived = jobs.Count(j => j.ArchiveState == ArchiveState.Archived);
        Notes.Add($"objects: {inputs.Count} inputs, {results.Count} results and logs, {archive.Count} archived results ({archived} jobs archived)");
    }

    private void Check(bool holds, string violation)
    {
        if (!holds)
        {
            Fail(violation);
        }
    }

    private void Fail(string violation) => _violations.Add(violation);
}
