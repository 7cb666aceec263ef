using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Gas.Core.Jobs;

namespace Gas.Core.Aws;

/// <summary>
/// The archive sweep's due jobs through the sparse sweep index (<c>sweep_mark</c> + <c>sweep_time</c>): an item carries the two
/// attributes only while the sweep may have to look at it (<see cref="SweepMarks"/>), set by the transitions that change its archive
/// state and removed by the sweep, so a Query reads the jobs due and nothing else.
/// </summary>
public sealed partial class DynamoDbJobStore
{
    public async Task<JobPage> ListSweepDueAsync(SweepMark mark, long before, int pageSize, string? pageToken = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var stored = mark.ToStoredName();
        var startKey = SweepStartKey(stored, pageToken);
        var jobs = new List<(AnnotationJob Job, long Time)>();
        do
        {
            var response = await dynamo.QueryAsync(new QueryRequest
            {
                TableName = _table,
                IndexName = _sweepIndex,
                KeyConditionExpression = "sweep_mark = :mark AND sweep_time <= :before",
                ExpressionAttributeValues = new() { [":mark"] = S(stored), [":before"] = N(before) },
                ScanIndexForward = true,
                Limit = pageSize + 1 - jobs.Count,
                ExclusiveStartKey = startKey,
            }, ct);
            jobs.AddRange((response.Items ?? []).Select(item => (JobItem.FromItem(item), long.Parse(item["sweep_time"].N, CultureInfo.InvariantCulture))));
            startKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (jobs.Count <= pageSize && startKey is not null);

        if (jobs.Count <= pageSize)
        {
            return new JobPage(jobs.Select(j => j.Job).ToList(), null);
        }

        var (lastJob, lastTime) = jobs[pageSize - 1];
        return new JobPage(jobs.Take(pageSize).Select(j => j.Job).ToList(),
            string.Create(CultureInfo.InvariantCulture, $"{lastTime}:{lastJob.JobId}"));
    }

    public Task<bool> TryClearSweepMarkAsync(string jobId, SweepMark mark, CancellationToken ct = default) =>
        UpdateAsync(jobId, "REMOVE sweep_mark, sweep_time", "sweep_mark = :mark", new() { [":mark"] = S(mark.ToStoredName()) }, ct);

    public async Task<bool> TryMarkForSweepAsync(string jobId, CancellationToken ct = default)
    {
        // Read, then write the mark on condition that the archive state is still the one read; a transition in between has
        // set the mark itself, so reading again settles it.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await GetAsync(jobId, ct) is not { } job || SweepMarks.Of(job) is not var (mark, time))
            {
                return false;
            }

            var values = new Dictionary<string, AttributeValue>
            {
                [":completed"] = S(Completed), [":mark"] = S(mark.ToStoredName()), [":time"] = N(time),
            };
            var condition = "job_status = :completed";
            condition += job.ResultsArchiveId is null ? " AND attribute_not_exists(results_file_archive_id)" : " AND results_file_archive_id = :archive";
            condition += job.RestoreTier is null ? " AND attribute_not_exists(restore_tier)" : " AND restore_tier = :tier";
            if (job.ResultsArchiveId is not null)
            {
                values[":archive"] = S(job.ResultsArchiveId);
            }

            if (job.RestoreTier is not null)
            {
                values[":tier"] = S(job.RestoreTier);
            }

            if (await UpdateAsync(jobId, "SET sweep_mark = :mark, sweep_time = :time", condition, values, ct))
            {
                return true;
            }
        }

        return false;
    }

    private static Dictionary<string, AttributeValue>? SweepStartKey(string mark, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !long.TryParse(token.AsSpan(0, colon), NumberStyles.Integer, CultureInfo.InvariantCulture, out var time) || colon == token.Length - 1)
        {
            throw new ArgumentException("Malformed page token.", nameof(token));
        }

        return new() { ["job_id"] = S(token[(colon + 1)..]), ["sweep_mark"] = S(mark), ["sweep_time"] = N(time) };
    }
}
