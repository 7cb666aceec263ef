using System.Globalization;
using Gas.Core.Jobs;
using Microsoft.Data.Sqlite;

namespace Gas.Core.Embedded;

/// <summary>
/// The archive sweep's due jobs: <c>sweep_mark</c> and <c>sweep_time</c> (<see cref="SweepMarks"/>) under a partial index that
/// holds marked jobs only. Triggers keep the mark with the job's state, so no transition can forget it: completing a job or
/// thawing it marks it hot (time: its completion), archiving marks it archived, a restore request marks it restoring (time: the
/// request); any other status unmarks it. The sweep clears a mark it has no work for; a plan change marks the owner's jobs again.
/// </summary>
public sealed partial class SqliteJobStore
{
    private const string MarkOfRow = """
        CASE WHEN job_status <> 'COMPLETED' THEN NULL
             WHEN results_file_archive_id IS NULL THEN 'hot'
             WHEN restore_tier IS NULL THEN 'archived'
             ELSE 'restoring' END
        """;

    private const string TimeOfRow = """
        CASE WHEN job_status <> 'COMPLETED' THEN NULL
             WHEN restore_tier IS NOT NULL AND results_file_archive_id IS NOT NULL THEN COALESCE(restore_requested_time, 0)
             ELSE COALESCE(complete_time, 0) END
        """;

    private static void AddSweepMarks(SqliteConnection connection) => SqliteDatabase.Execute(connection, $"""
        ALTER TABLE annotations ADD COLUMN sweep_mark TEXT;
        ALTER TABLE annotations ADD COLUMN sweep_time INTEGER;
        UPDATE annotations SET sweep_mark = {MarkOfRow}, sweep_time = {TimeOfRow};
        CREATE INDEX annotations_sweep_due ON annotations (sweep_mark, sweep_time, job_id) WHERE sweep_mark IS NOT NULL;
        CREATE TRIGGER annotations_sweep_mark_on_insert AFTER INSERT ON annotations BEGIN
            UPDATE annotations SET sweep_mark = {MarkOfRow}, sweep_time = {TimeOfRow} WHERE job_id = NEW.job_id;
        END;
        CREATE TRIGGER annotations_sweep_mark_on_change AFTER UPDATE OF job_status, results_file_archive_id, restore_tier ON annotations BEGIN
            UPDATE annotations SET sweep_mark = {MarkOfRow}, sweep_time = {TimeOfRow} WHERE job_id = NEW.job_id;
        END;
        """);

    public Task<JobPage> ListSweepDueAsync(SweepMark mark, long before, int pageSize, string? pageToken = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var (afterTime, afterId) = ParseSweepToken(pageToken);
        using var connection = _db.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns}, sweep_time FROM annotations WHERE sweep_mark = $mark AND sweep_time <= $before " +
            (afterId is null ? "" : "AND (sweep_time > $time OR (sweep_time = $time AND job_id > $after)) ") +
            "ORDER BY sweep_time, job_id LIMIT $limit";
        command.Parameters.AddWithValue("$mark", mark.ToStoredName());
        command.Parameters.AddWithValue("$before", before);
        command.Parameters.AddWithValue("$limit", pageSize + 1);
        if (afterId is not null)
        {
            command.Parameters.AddWithValue("$time", afterTime);
            command.Parameters.AddWithValue("$after", afterId);
        }

        var jobs = new List<AnnotationJob>();
        var times = new List<long>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                jobs.Add(Read(reader));
                times.Add(reader.GetInt64(reader.FieldCount - 1));
            }
        }

        string? next = null;
        if (jobs.Count > pageSize)
        {
            jobs.RemoveAt(pageSize);
            next = string.Create(CultureInfo.InvariantCulture, $"{times[pageSize - 1]}:{jobs[^1].JobId}");
        }

        return Task.FromResult(new JobPage(jobs, next));
    }

    public Task<bool> TryClearSweepMarkAsync(string jobId, SweepMark mark, CancellationToken ct = default) =>
        Update(jobId, "sweep_mark = NULL, sweep_time = NULL", "sweep_mark = $mark", ("$mark", mark.ToStoredName()));

    public Task<bool> TryMarkForSweepAsync(string jobId, CancellationToken ct = default) =>
        Update(jobId, $"sweep_mark = {MarkOfRow}, sweep_time = {TimeOfRow}", "job_status = 'COMPLETED'");

    private static (long Time, string? JobId) ParseSweepToken(string? token) => ParseToken(token);
}
