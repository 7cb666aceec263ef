using System.Globalization;
using Gas.Core.Jobs;
using Microsoft.Data.Sqlite;

namespace Gas.Core.Embedded;

/// <summary>The job store on SQLite: the same conditional transitions as the DynamoDB table, as guarded UPDATEs.</summary>
public sealed partial class SqliteJobStore : IJobStore
{
    private const string Columns =
        "job_id, user_id, input_file_name, s3_inputs_bucket, s3_key_input_file, submit_time, job_status, " +
        "s3_results_bucket, s3_key_result_file, s3_key_log_file, complete_time, results_file_archive_id, " +
        "restore_tier, restore_requested_time, failure_reason, lease_until, attempts, annotation_notes, user_tier, genome_build, " +
        "result_published, notified_status, archive_pending_id, job_name, variant_count";

    /// <summary>What <see cref="JobListItem"/> needs, in <see cref="ReadItem"/>'s order.</summary>
    private const string ItemColumns =
        "job_id, job_name, input_file_name, submit_time, job_status, complete_time, variant_count, results_file_archive_id, restore_tier";

    private readonly SqliteDatabase _db;

    /// <summary>
    /// The <c>annotations</c> table's schema, one step per change, in order. A file made before versioning is at 0; step 1
    /// is written to bring both a new file and any earlier file up to the first versioned schema.
    /// Add a change as the next step; never edit a step that has shipped.
    /// </summary>
    internal static readonly IReadOnlyList<SchemaStep> Steps =
    [
        new(1, "annotations table, the user/submit_time index, and annotation_notes on files that predate it", connection =>
        {
            SqliteDatabase.Execute(connection, """
                CREATE TABLE IF NOT EXISTS annotations (
                    job_id TEXT PRIMARY KEY,
                    user_id TEXT NOT NULL,
                    input_file_name TEXT NOT NULL,
                    s3_inputs_bucket TEXT NOT NULL,
                    s3_key_input_file TEXT NOT NULL,
                    submit_time INTEGER NOT NULL,
                    job_status TEXT NOT NULL,
                    s3_results_bucket TEXT,
                    s3_key_result_file TEXT,
                    s3_key_log_file TEXT,
                    complete_time INTEGER,
                    results_file_archive_id TEXT,
                    restore_tier TEXT,
                    restore_requested_time INTEGER,
                    failure_reason TEXT,
                    lease_until INTEGER,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    annotation_notes TEXT);
                CREATE INDEX IF NOT EXISTS annotations_user_submit ON annotations (user_id, submit_time DESC, job_id DESC);
                """);
            AddColumnIfMissing(connection, "annotation_notes", "TEXT");
        }),

        new(2, "user_tier: the owner's plan when the job was submitted (older jobs read as Free)", connection =>
            SqliteDatabase.Execute(connection, "ALTER TABLE annotations ADD COLUMN user_tier TEXT NOT NULL DEFAULT 'free_user'")),

        new(3, "genome_build: GRCh37 or GRCh38, chosen on upload or as annotated (null: detect, or annotated before builds were recorded)", connection =>
            SqliteDatabase.Execute(connection, "ALTER TABLE annotations ADD COLUMN genome_build TEXT")),

        new(4, "result_published, notified_status, archive_pending_id: what survives a process killed between two steps", connection =>
            SqliteDatabase.Execute(connection, """
                ALTER TABLE annotations ADD COLUMN result_published INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE annotations ADD COLUMN notified_status TEXT;
                ALTER TABLE annotations ADD COLUMN archive_pending_id TEXT;
                """)),

        new(5, "job_name (optional, given at upload), variant_count (set at completion), search_text (name and file name, lower-cased)", connection =>
            SqliteDatabase.Execute(connection, """
                ALTER TABLE annotations ADD COLUMN job_name TEXT;
                ALTER TABLE annotations ADD COLUMN variant_count INTEGER;
                ALTER TABLE annotations ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
                UPDATE annotations SET search_text = char(10) || lower(input_file_name);
                """)),

        new(6, "notify_lease_until: a notifier's claim on emailing the owner, so two notifiers never email at once", connection =>
            SqliteDatabase.Execute(connection, "ALTER TABLE annotations ADD COLUMN notify_lease_until INTEGER")),

        new(7, "sweep_mark, sweep_time: the jobs the archive sweep may have to look at, in a partial index, kept by triggers", AddSweepMarks),
    ];

    public SqliteJobStore(SqliteDatabase db)
    {
        _db = db;
        using var connection = _db.Open();
        SchemaSteps.Upgrade(connection, "annotations", Steps);
    }

    /// <summary>Files from before versioning may lack a column that step 1's CREATE TABLE (a no-op on them) has.</summary>
    private static void AddColumnIfMissing(SqliteConnection connection, string column, string type)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('annotations') WHERE name = $column";
        command.Parameters.AddWithValue("$column", column);
        if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            SqliteDatabase.Execute(connection, $"ALTER TABLE annotations ADD COLUMN {column} {type}");
        }
    }

    public Task CreateAsync(AnnotationJob job, CancellationToken ct = default)
    {
        using var connection = _db.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO annotations ({Columns}, search_text) VALUES " +
            "($id, $user, $name, $bucket, $key, $submit, $status, $rbucket, $rkey, $lkey, $complete, $archive, $tier, $restoreTime, $reason, $lease, $attempts, $notes, $userTier, $build, $published, $notified, $pending, " +
            "$jobName, $variants, $search)";
        Bind(command, job);
        try
        {
            command.ExecuteNonQuery();
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new JobAlreadyExistsException(job.JobId);
        }

        return Task.CompletedTask;
    }

    public Task<AnnotationJob?> GetAsync(string jobId, CancellationToken ct = default) =>
        Task.FromResult(_db.Read($"SELECT {Columns} FROM annotations WHERE job_id = $id",
            parameters => parameters.AddWithValue("$id", jobId),
            reader => reader.Read() ? Read(reader) : null));

    public Task<JobPage> ListByUserAsync(string userId, int pageSize, string? pageToken = null, CancellationToken ct = default) =>
        Task.FromResult(Page(userId, null, pageSize, pageToken, Columns, Read, job => (job.SubmitTime, job.JobId), (jobs, next) => new JobPage(jobs, next)));

    public Task<JobPage> SearchByUserAsync(string userId, string text, int pageSize, string? pageToken = null, CancellationToken ct = default) =>
        Task.FromResult(Page(userId, JobNames.SearchTerm(text), pageSize, pageToken, Columns, Read, job => (job.SubmitTime, job.JobId), (jobs, next) => new JobPage(jobs, next)));

    public Task<JobListPage> ListItemsByUserAsync(string userId, string? text, int pageSize, string? pageToken = null, CancellationToken ct = default) =>
        Task.FromResult(Page(userId, text is null ? null : JobNames.SearchTerm(text), pageSize, pageToken, ItemColumns, ReadItem,
            item => (item.SubmitTime, item.JobId), (items, next) => new JobListPage(items, next)));

    /// <summary>One page of the user's jobs through the user index; with a term, only those whose search text contains it.</summary>
    private TPage Page<TJob, TPage>(string userId, string? term, int pageSize, string? pageToken, string columns,
        Func<SqliteDataReader, TJob> read, Func<TJob, (long SubmitTime, string JobId)> position, Func<List<TJob>, string?, TPage> page)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var (afterSubmit, afterId) = ParseToken(pageToken);
        var sql = $"SELECT {columns} FROM annotations WHERE user_id = $user " +
            (term is null ? "" : "AND instr(search_text, $term) > 0 ") +
            (afterId is null ? "" : "AND (submit_time < $submit OR (submit_time = $submit AND job_id < $after)) ") +
            "ORDER BY submit_time DESC, job_id DESC LIMIT $limit";
        var jobs = _db.Read(sql, parameters =>
        {
            parameters.AddWithValue("$user", userId);
            parameters.AddWithValue("$limit", pageSize + 1);
            if (term is not null)
            {
                parameters.AddWithValue("$term", term);
            }

            if (afterId is not null)
            {
                parameters.AddWithValue("$submit", afterSubmit);
                parameters.AddWithValue("$after", afterId);
            }
        }, reader =>
        {
            var list = new List<TJob>(pageSize + 1);
            while (reader.Read())
            {
                list.Add(read(reader));
            }

            return list;
        });

        string? next = null;
        if (jobs.Count > pageSize)
        {
            jobs.RemoveAt(pageSize);
            var (submit, id) = position(jobs[^1]);
            next = string.Create(CultureInfo.InvariantCulture, $"{submit}:{id}");
        }

        return page(jobs, next);
    }

    public Task<bool> TryClaimAsync(string jobId, long now, long leaseUntil, CancellationToken ct = default) =>
        Update(jobId,
            "job_status = 'RUNNING', lease_until = $lease, attempts = attempts + 1",
            "(job_status = 'PENDING' OR (job_status = 'RUNNING' AND lease_until < $now))",
            ("$lease", leaseUntil), ("$now", now));

    public Task<bool> TryRenewLeaseAsync(string jobId, long leaseUntil, CancellationToken ct = default) =>
        Update(jobId, "lease_until = $lease", "job_status = 'RUNNING'", ("$lease", leaseUntil));

    public Task<bool> TryReleaseAsync(string jobId, CancellationToken ct = default) =>
        Update(jobId, "job_status = 'PENDING', lease_until = NULL", "job_status = 'RUNNING'");

    public Task<bool> TryCompleteAsync(string jobId, JobOutputs outputs, long completeTime, CancellationToken ct = default) =>
        Update(jobId,
            "job_status = 'COMPLETED', s3_results_bucket = $rbucket, s3_key_result_file = $rkey, s3_key_log_file = $lkey, " +
            "annotation_notes = $notes, complete_time = $complete, lease_until = NULL, genome_build = COALESCE($build, genome_build), " +
            "variant_count = $variants",
            "job_status = 'RUNNING'",
            ("$rbucket", outputs.ResultsBucket), ("$rkey", outputs.ResultKey), ("$lkey", outputs.LogKey),
            ("$notes", outputs.Notes), ("$complete", completeTime), ("$build", outputs.GenomeBuild), ("$variants", outputs.Variants));

    public Task<bool> TryFailAsync(string jobId, string reason, long completeTime, JobOutputs? outputs = null, CancellationToken ct = default) =>
        Update(jobId,
            "job_status = 'FAILED', failure_reason = $reason, complete_time = $complete, lease_until = NULL, " +
            "s3_results_bucket = $rbucket, s3_key_log_file = $lkey",
            "job_status IN ('PENDING', 'RUNNING')",
            ("$reason", reason), ("$complete", completeTime),
            ("$rbucket", outputs?.ResultsBucket), ("$lkey", outputs?.LogKey));

    public Task<bool> TryMarkResultPublishedAsync(string jobId, CancellationToken ct = default) =>
        Update(jobId, "result_published = 1", "job_status IN ('COMPLETED', 'FAILED')");

    public Task<bool> TryBeginNotifyAsync(string jobId, JobStatus status, long now, long leaseUntil, CancellationToken ct = default) =>
        Update(jobId, "notify_lease_until = $lease",
            "job_status = $status AND (notified_status IS NULL OR notified_status <> $status) AND (notify_lease_until IS NULL OR notify_lease_until < $now)",
            ("$status", status.ToStoredName()), ("$now", now), ("$lease", leaseUntil));

    public Task<bool> TryMarkNotifiedAsync(string jobId, JobStatus status, CancellationToken ct = default) =>
        Update(jobId, "notified_status = $status, notify_lease_until = NULL",
            "job_status = $status AND (notified_status IS NULL OR notified_status <> $status)", ("$status", status.ToStoredName()));

    public Task<bool> TryBeginArchiveAsync(string jobId, string archiveId, string? supersedes, CancellationToken ct = default) =>
        Update(jobId, "archive_pending_id = $archive",
            "job_status = 'COMPLETED' AND results_file_archive_id IS NULL AND " +
            (supersedes is null ? "archive_pending_id IS NULL" : "archive_pending_id = $previous"),
            ("$archive", archiveId), ("$previous", supersedes));

    public Task<bool> TryAbandonArchiveAsync(string jobId, string archiveId, CancellationToken ct = default) =>
        Update(jobId, "archive_pending_id = NULL", "archive_pending_id = $archive", ("$archive", archiveId));

    public Task<bool> TryMarkArchivedAsync(string jobId, string archiveId, CancellationToken ct = default) =>
        Update(jobId, "results_file_archive_id = $archive, archive_pending_id = NULL",
            "job_status = 'COMPLETED' AND results_file_archive_id IS NULL AND archive_pending_id = $archive", ("$archive", archiveId));

    public Task<bool> TryMarkRestoringAsync(string jobId, string archiveId, string tier, long requestedTime, CancellationToken ct = default) =>
        Update(jobId, "restore_tier = $tier, restore_requested_time = $time",
            "results_file_archive_id = $archive AND restore_tier IS NULL",
            ("$archive", archiveId), ("$tier", tier), ("$time", requestedTime));

    public Task<bool> TryMarkThawedAsync(string jobId, string archiveId, CancellationToken ct = default) =>
        Update(jobId, "results_file_archive_id = NULL, restore_tier = NULL, restore_requested_time = NULL",
            "results_file_archive_id = $archive", ("$archive", archiveId));

    private Task<bool> Update(string jobId, string set, string condition, params (string Name, object? Value)[] parameters)
    {
        using var connection = _db.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE annotations SET {set} WHERE job_id = $id AND {condition}";
        command.Parameters.AddWithValue("$id", jobId);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return Task.FromResult(command.ExecuteNonQuery() == 1);
    }

    private static (long Submit, string? JobId) ParseToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return (0, null);
        }

        var colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !long.TryParse(token.AsSpan(0, colon), NumberStyles.Integer, CultureInfo.InvariantCulture, out var submit))
        {
            throw new ArgumentException("Malformed page token.", nameof(token));
        }

        return (submit, token[(colon + 1)..]);
    }

    private static void Bind(SqliteCommand command, AnnotationJob job)
    {
        void Add(string name, object? value) => command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        Add("$id", job.JobId);
        Add("$user", job.UserId);
        Add("$name", job.InputFileName);
        Add("$bucket", job.InputsBucket);
        Add("$key", job.InputKey);
        Add("$submit", job.SubmitTime);
        Add("$status", job.Status.ToStoredName());
        Add("$rbucket", job.ResultsBucket);
        Add("$rkey", job.ResultKey);
        Add("$lkey", job.LogKey);
        Add("$complete", job.CompleteTime);
        Add("$archive", job.ResultsArchiveId);
        Add("$tier", job.RestoreTier);
        Add("$restoreTime", job.RestoreRequestedTime);
        Add("$reason", job.FailureReason);
        Add("$lease", job.LeaseUntil);
        Add("$attempts", job.Attempts);
        Add("$notes", job.AnnotationNotes);
        Add("$userTier", job.UserTier.ToStoredName());
        Add("$build", job.GenomeBuild);
        Add("$published", job.ResultPublished ? 1 : 0);
        Add("$notified", job.NotifiedStatus?.ToStoredName());
        Add("$pending", job.ArchivePendingId);
        Add("$jobName", job.JobName);
        Add("$variants", job.VariantCount);
        Add("$search", JobNames.SearchText(job.JobName, job.InputFileName));
    }

    private static JobListItem ReadItem(SqliteDataReader r) => new()
    {
        JobId = r.GetString(0),
        JobName = r.IsDBNull(1) ? null : r.GetString(1),
        InputFileName = r.GetString(2),
        SubmitTime = r.GetInt64(3),
        Status = JobStatusNames.Parse(r.GetString(4)),
        CompleteTime = r.IsDBNull(5) ? null : r.GetInt64(5),
        VariantCount = r.IsDBNull(6) ? null : r.GetInt64(6),
        ArchiveState = ArchiveStates.Of(!r.IsDBNull(7), !r.IsDBNull(8)),
    };

    private static AnnotationJob Read(SqliteDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        long? L(int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
        return new AnnotationJob
        {
            JobId = r.GetString(0),
            UserId = r.GetString(1),
            InputFileName = r.GetString(2),
            InputsBucket = r.GetString(3),
            InputKey = r.GetString(4),
            SubmitTime = r.GetInt64(5),
            Status = JobStatusNames.Parse(r.GetString(6)),
            ResultsBucket = S(7),
            ResultKey = S(8),
            LogKey = S(9),
            CompleteTime = L(10),
            ResultsArchiveId = S(11),
            RestoreTier = S(12),
            RestoreRequestedTime = L(13),
            FailureReason = S(14),
            LeaseUntil = L(15),
            Attempts = r.GetInt32(16),
            AnnotationNotes = S(17),
            UserTier = UserTierNames.Parse(S(18)),
            GenomeBuild = S(19),
            ResultPublished = r.GetInt64(20) != 0,
            NotifiedStatus = S(21) is { } notified ? JobStatusNames.Parse(notified) : null,
            ArchivePendingId = S(22),
            JobName = S(23),
            VariantCount = L(24),
        };
    }
}
