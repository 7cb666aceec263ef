using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Gas.Core.Configuration;
using Gas.Core.Jobs;
using Microsoft.Extensions.Options;

namespace Gas.Core.Aws;

/// <summary>
/// The job store on DynamoDB: one item per job keyed by <c>job_id</c>, a user index on <c>user_id</c> + <c>submit_time</c>
/// for listing, and every state change as a conditional UpdateItem, so racing workers cannot both win.
/// </summary>
public sealed partial class DynamoDbJobStore(IAmazonDynamoDB dynamo, IOptions<AwsOptions> options) : IJobStore
{
    private static readonly string Pending = JobStatus.Pending.ToStoredName();
    private static readonly string Running = JobStatus.Running.ToStoredName();
    private static readonly string Completed = JobStatus.Completed.ToStoredName();
    private static readonly string Failed = JobStatus.Failed.ToStoredName();

    private readonly string _table = options.Value.JobsTable;
    private readonly string _userIndex = options.Value.UserIndex;
    private readonly string _sweepIndex = options.Value.SweepIndex;

    public async Task CreateAsync(AnnotationJob job, CancellationToken ct = default)
    {
        try
        {
            await dynamo.PutItemAsync(new PutItemRequest
            {
                TableName = _table,
                Item = JobItem.ToItem(job),
                ConditionExpression = "attribute_not_exists(job_id)",
            }, ct);
        }
        catch (ConditionalCheckFailedException)
        {
            throw new JobAlreadyExistsException(job.JobId);
        }
    }

    public async Task<AnnotationJob?> GetAsync(string jobId, CancellationToken ct = default)
    {
        var response = await dynamo.GetItemAsync(new GetItemRequest
        {
            TableName = _table,
            Key = Key(jobId),
            ConsistentRead = true,
        }, ct);
        return response.Item is { Count: > 0 } item ? JobItem.FromItem(item) : null;
    }

    public async Task<JobPage> ListByUserAsync(string userId, int pageSize, string? pageToken = null, CancellationToken ct = default)
    {
        var (jobs, next) = await PageAsync(userId, null, pageSize, pageToken, null, JobItem.FromItem, job => (job.SubmitTime, job.JobId), ct);
        return new JobPage(jobs, next);
    }

    /// <summary>
    /// A Query on the user index with a FilterExpression: DynamoDB reads (and bills) every job of the user up to a full
    /// page of matches, so a search costs a walk through the user's own partition of the index, never a table scan.
    /// </summary>
    public async Task<JobPage> SearchByUserAsync(string userId, string text, int pageSize, string? pageToken = null, CancellationToken ct = default)
    {
        var (jobs, next) = await PageAsync(userId, text, pageSize, pageToken, null, JobItem.FromItem, job => (job.SubmitTime, job.JobId), ct);
        return new JobPage(jobs, next);
    }

    /// <summary>The same Query, with a ProjectionExpression: the items carry only what a list shows (read capacity is the same).</summary>
    public async Task<JobListPage> ListItemsByUserAsync(string userId, string? text, int pageSize, string? pageToken = null, CancellationToken ct = default)
    {
        var (items, next) = await PageAsync(userId, text, pageSize, pageToken, JobItem.ListProjection, JobItem.ListItemFromItem,
            item => (item.SubmitTime, item.JobId), ct);
        return new JobListPage(items, next);
    }

    private async Task<(List<TJob> Jobs, string? Next)> PageAsync<TJob>(string userId, string? text, int pageSize, string? pageToken,
        string? projection, Func<Dictionary<string, AttributeValue>, TJob> map, Func<TJob, (long SubmitTime, string JobId)> position, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var jobs = new List<TJob>();
        var startKey = PageToken.Decode(pageToken, userId);
        var values = new Dictionary<string, AttributeValue> { [":user"] = S(userId) };
        string? filter = null;
        if (JobNames.SearchTerm(text) is { } term)
        {
            // Jobs stored before search_text existed are matched on their file name as typed.
            filter = "contains(search_text, :term) OR (attribute_not_exists(search_text) AND contains(input_file_name, :typed))";
            values[":term"] = S(term);
            values[":typed"] = S(text!.Trim());
        }

        // One item more than the page tells whether another page exists, so the last page never carries a token.
        do
        {
            var response = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = _table,
                IndexName = _userIndex,
                KeyConditionExpression = "user_id = :user",
                FilterExpression = filter,
                ExpressionAttributeValues = values,
                ScanIndexForward = false,
                // A filter drops items after Limit is applied: read in larger steps then, rather than one item at a time.
                Limit = filter is null ? pageSize + 1 - jobs.Count : Math.Max(pageSize + 1, 100),
                ExclusiveStartKey = startKey,
                ProjectionExpression = projection,
            }, ct);
            jobs.AddRange((response.Items ?? []).Select(map));
            startKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (jobs.Count <= pageSize && startKey is not null);

        if (jobs.Count <= pageSize)
        {
            return (jobs, null);
        }

        jobs.RemoveRange(pageSize, jobs.Count - pageSize);
        var (submit, id) = position(jobs[^1]);
        return (jobs, PageToken.Encode(submit, id));
    }

    public Task<bool> TryClaimAsync(string jobId, long now, long leaseUntil, CancellationToken ct = default) =>
        UpdateAsync(jobId,
            "SET job_status = :running, lease_until = :lease, attempts = if_not_exists(attempts, :zero) + :one",
            "job_status = :pending OR (job_status = :running AND lease_until < :now)",
            new() { [":running"] = S(Running), [":pending"] = S(Pending), [":lease"] = N(leaseUntil), [":now"] = N(now), [":zero"] = N(0), [":one"] = N(1) },
            ct);

    public Task<bool> TryRenewLeaseAsync(string jobId, long leaseUntil, CancellationToken ct = default) =>
        UpdateAsync(jobId,
            "SET lease_until = :lease",
            "job_status = :running",
            new() { [":running"] = S(Running), [":lease"] = N(leaseUntil) },
            ct);

    public Task<bool> TryReleaseAsync(string jobId, CancellationToken ct = default) =>
        UpdateAsync(jobId,
            "SET job_status = :pending REMOVE lease_until",
            "job_status = :running",
            new() { [":running"] = S(Running), [":pending"] = S(Pending) },
            ct);

    public Task<bool> TryCompleteAsync(string jobId, JobOutputs outputs, long completeTime, CancellationToken ct = default)
    {
        var values = new Dictionary<string, AttributeValue>
        {
            [":running"] = S(Running), [":completed"] = S(Completed),
            [":rbucket"] = S(outputs.ResultsBucket), [":rkey"] = S(outputs.ResultKey), [":lkey"] = S(outputs.LogKey),
            [":complete"] = N(completeTime), [":hot"] = S(SweepMark.Hot.ToStoredName()),
        };
        var update = "SET job_status = :completed, s3_results_bucket = :rbucket, s3_key_result_file = :rkey, s3_key_log_file = :lkey, complete_time = :complete, " +
            "sweep_mark = :hot, sweep_time = :complete";
        if (!string.IsNullOrEmpty(outputs.Notes))
        {
            update += ", annotation_notes = :notes";
            values[":notes"] = S(outputs.Notes);
        }

        if (!string.IsNullOrEmpty(outputs.GenomeBuild))
        {
            update += ", genome_build = :build";
            values[":build"] = S(outputs.GenomeBuild);
        }

        if (outputs.Variants is { } variants)
        {
            update += ", variant_count = :variants";
            values[":variants"] = N(variants);
        }

        return UpdateAsync(jobId, update + " REMOVE lease_until", "job_status = :running", values, ct);
    }

    public Task<bool> TryFailAsync(string jobId, string reason, long completeTime, JobOutputs? outputs = null, CancellationToken ct = default)
    {
        var values = new Dictionary<string, AttributeValue>
        {
            [":pending"] = S(Pending), [":running"] = S(Running), [":failed"] = S(Failed),
            [":reason"] = S(reason), [":complete"] = N(completeTime),
        };
        string update;
        if (outputs is null)
        {
            update = "SET job_status = :failed, failure_reason = :reason, complete_time = :complete REMOVE lease_until, s3_results_bucket, s3_key_log_file";
        }
        else
        {
            update = "SET job_status = :failed, failure_reason = :reason, complete_time = :complete, s3_results_bucket = :rbucket, s3_key_log_file = :lkey REMOVE lease_until";
            values[":rbucket"] = S(outputs.ResultsBucket);
            values[":lkey"] = S(outputs.LogKey);
        }

        return UpdateAsync(jobId, update, "job_status IN (:pending, :running)", values, ct);
    }

    public Task<bool> TryMarkResultPublishedAsync(string jobId, CancellationToken ct = default) =>
        UpdateAsync(jobId,
            "SET result_published = :true",
            "job_status IN (:completed, :failed)",
            new() { [":completed"] = S(Completed), [":failed"] = S(Failed), [":true"] = new AttributeValue { BOOL = true } },
            ct);

    public Task<bool> TryBeginNotifyAsync(string jobId, JobStatus status, long now, long leaseUntil, CancellationToken ct = default) =>
        UpdateAsync(jobId,
            "SET notify_lease_until = :lease",
            "job_status = :status AND (attribute_not_exists(notified_status) OR notified_status <> :status) " +
            "AND (attribute_not_exists(notify_lease_until) OR notify_lease_until < :now)",
            new() { [":status"] = S(status.ToStoredName()), [":now"] = N(now), [":lease"] = N(leaseUntil) },
            ct);

    public Task<bool> TryMarkNotifiedAsync(string jobId, JobStatus status, CancellationToken ct = default) =>
        UpdateAsync(jobId,
            "SET notified_status = :status REMOVE notify_lease_until",
            "job_status = :status AND (attribute_not_exists(notified_status) OR notified_status <> :status)",
            new() { [":status"] = S(status.ToStoredName()) },
            ct);

    public Task<bool> TryBeginArchiveAsync(string jobId, string archiveId, string? supersedes, CancellationToken ct = default)
    {
        var values = new Dictionary<string, AttributeValue> { [":completed"] = S(Completed), [":archive"] = S(archiveId) };
        var pending = "attribute_not_exists(archive_pending_id)";
        if (supersedes is not null)
        {
            pending = "archive_pending_id = :previous";
            values[":previous"] = S(supersedes);
        }

        return UpdateAsync(jobId, "SET archive_pending_id = :archive",
            $"job_status = :completed AND attribute_not_exists(results_file_archive_id) AND {pending}", values, ct);
    }

    public Task<bool> TryAbandonArchiveAsync(string jobId, string archiveId, CancellationToken ct = default) =>
        UpdateAsync(jobId, "REMOVE archive_pending_id", "archive_pending_id = :archive", new() { [":archive"] = S(archiveId) }, ct);

    public Task<bool> TryMarkArchivedAsync(string jobId, string archiveId, CancellationToken ct = default) =>
        UpdateAsync(jobId,
            "SET results_file_archive_id = :archive, sweep_mark = :mark, sweep_time = complete_time REMOVE archive_pending_id",
            "job_status = :completed AND attribute_not_exists(results_file_archive_id) AND archive_pending_id = :archive",
            new() { [":completed"] = S(Completed), [":archive"] = S(archiveId), [":mark"] = S(SweepMark.Archived.ToStoredName()) },
            ct);

    public Task<bool> TryMarkRestoringAsync(string jobId, string archiveId, string tier, long requestedTime, CancellationToken ct = default) =>
        UpdateAsync(jobId,
            "SET restore_tier = :tier, restore_requested_time = :time, sweep_mark = :mark, sweep_time = :time",
            "results_file_archive_id = :archive AND attribute_not_exists(restore_tier)",
            new() { [":archive"] = S(archiveId), [":tier"] = S(tier), [":time"] = N(requestedTime), [":mark"] = S(SweepMark.Restoring.ToStoredName()) },
            ct);

    public Task<bool> TryMarkThawedAsync(string jobId, string archiveId, CancellationToken ct = default) =>
        UpdateAsync(jobId,
            "SET sweep_mark = :mark, sweep_time = complete_time REMOVE results_file_archive_id, restore_tier, restore_requested_time",
            "results_file_archive_id = :archive",
            new() { [":archive"] = S(archiveId), [":mark"] = S(SweepMark.Hot.ToStoredName()) },
            ct);

    private async Task<bool> UpdateAsync(string jobId, string update, string condition, Dictionary<string, AttributeValue> values, CancellationToken ct)
    {
        try
        {
            await dynamo.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = _table,
                Key = Key(jobId),
                UpdateExpression = update,
                ConditionExpression = condition,
                ExpressionAttributeValues = values,
            }, ct);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private static Dictionary<string, AttributeValue> Key(string jobId) => new() { ["job_id"] = S(jobId) };

    private static AttributeValue S(string value) => new() { S = value };

    private static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    /// <summary>The opaque page token: the last job's place in the user index, base64url-encoded JSON.</summary>
    private static class PageToken
    {
        public static string Encode(long submitTime, string jobId) =>
            Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Position(submitTime, jobId)));

        public static Dictionary<string, AttributeValue>? Decode(string? token, string userId)
        {
            if (string.IsNullOrEmpty(token))
            {
                return null;
            }

            Position? position;
            try
            {
                position = JsonSerializer.Deserialize<Position>(Base64Url.DecodeFromChars(token));
            }
            catch (Exception e) when (e is FormatException or JsonException)
            {
                throw new ArgumentException("Malformed page token.", nameof(token), e);
            }

            if (position is null || string.IsNullOrEmpty(position.JobId))
            {
                throw new ArgumentException("Malformed page token.", nameof(token));
            }

            return new()
            {
                ["job_id"] = S(position.JobId),
                ["user_id"] = S(userId),
                ["submit_time"] = N(position.SubmitTime),
            };
        }

        private sealed record Position(long SubmitTime, string JobId);
    }
}
