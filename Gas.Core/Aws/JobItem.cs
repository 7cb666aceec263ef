using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Gas.Core.Jobs;

namespace Gas.Core.Aws;

/// <summary>Maps a job to and from its DynamoDB item, with the seed's snake_case attribute names.</summary>
internal static class JobItem
{
    public static Dictionary<string, AttributeValue> ToItem(AnnotationJob job)
    {
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        void Put(string name, string? value)
        {
            if (value is not null)
            {
                item[name] = new AttributeValue { S = value };
            }
        }

        void PutNumber(string name, long? value)
        {
            if (value is { } v)
            {
                item[name] = new AttributeValue { N = v.ToString(CultureInfo.InvariantCulture) };
            }
        }

        Put("job_id", job.JobId);
        Put("user_id", job.UserId);
        Put("input_file_name", job.InputFileName);
        Put("s3_inputs_bucket", job.InputsBucket);
        Put("s3_key_input_file", job.InputKey);
        PutNumber("submit_time", job.SubmitTime);
        Put("job_status", job.Status.ToStoredName());
        Put("s3_results_bucket", job.ResultsBucket);
        Put("s3_key_result_file", job.ResultKey);
        Put("s3_key_log_file", job.LogKey);
        PutNumber("complete_time", job.CompleteTime);
        Put("results_file_archive_id", job.ResultsArchiveId);
        Put("restore_tier", job.RestoreTier);
        PutNumber("restore_requested_time", job.RestoreRequestedTime);
        Put("failure_reason", job.FailureReason);
        Put("annotation_notes", job.AnnotationNotes);
        Put("user_tier", job.UserTier.ToStoredName());
        Put("genome_build", job.GenomeBuild);
        Put("job_name", job.JobName);
        PutNumber("variant_count", job.VariantCount);
        Put("search_text", JobNames.SearchText(job.JobName, job.InputFileName));
        PutNumber("lease_until", job.LeaseUntil);
        PutNumber("attempts", job.Attempts);
        if (job.ResultPublished)
        {
            item["result_published"] = new AttributeValue { BOOL = true };
        }

        Put("notified_status", job.NotifiedStatus?.ToStoredName());
        Put("archive_pending_id", job.ArchivePendingId);
        if (SweepMarks.Of(job) is var (mark, time))
        {
            Put("sweep_mark", mark.ToStoredName());
            PutNumber("sweep_time", time);
        }

        return item;
    }

    /// <summary>The attributes <see cref="ListItemFromItem"/> reads.</summary>
    public const string ListProjection =
        "job_id, job_name, input_file_name, submit_time, job_status, complete_time, variant_count, results_file_archive_id, restore_tier";

    public static JobListItem ListItemFromItem(Dictionary<string, AttributeValue> item)
    {
        var read = new ItemReader(item);
        return new JobListItem
        {
            JobId = read.Required("job_id"),
            JobName = read.S("job_name"),
            InputFileName = read.Required("input_file_name"),
            SubmitTime = read.RequiredN("submit_time"),
            Status = JobStatusNames.Parse(read.Required("job_status")),
            CompleteTime = read.N("complete_time"),
            VariantCount = read.N("variant_count"),
            ArchiveState = ArchiveStates.Of(read.S("results_file_archive_id") is not null, read.S("restore_tier") is not null),
        };
    }

    public static AnnotationJob FromItem(Dictionary<string, AttributeValue> item)
    {
        var read = new ItemReader(item);
        string? S(string name) => read.S(name);
        long? N(string name) => read.N(name);
        string Required(string name) => read.Required(name);

        return new AnnotationJob
        {
            JobId = Required("job_id"),
            UserId = Required("user_id"),
            InputFileName = Required("input_file_name"),
            InputsBucket = Required("s3_inputs_bucket"),
            InputKey = Required("s3_key_input_file"),
            SubmitTime = read.RequiredN("submit_time"),
            Status = JobStatusNames.Parse(Required("job_status")),
            ResultsBucket = S("s3_results_bucket"),
            ResultKey = S("s3_key_result_file"),
            LogKey = S("s3_key_log_file"),
            CompleteTime = N("complete_time"),
            ResultsArchiveId = S("results_file_archive_id"),
            RestoreTier = S("restore_tier"),
            RestoreRequestedTime = N("restore_requested_time"),
            FailureReason = S("failure_reason"),
            AnnotationNotes = S("annotation_notes"),
            UserTier = UserTierNames.Parse(S("user_tier")),
            GenomeBuild = S("genome_build"),
            JobName = S("job_name"),
            VariantCount = N("variant_count"),
            LeaseUntil = N("lease_until"),
            Attempts = (int)(N("attempts") ?? 0),
            ResultPublished = item.TryGetValue("result_published", out var published) && published.BOOL == true,
            NotifiedStatus = S("notified_status") is { } notified ? JobStatusNames.Parse(notified) : null,
            ArchivePendingId = S("archive_pending_id"),
        };
    }

    /// <summary>Reads one item's attributes: strings, numbers, and the ones a job cannot lack.</summary>
    private readonly struct ItemReader(Dictionary<string, AttributeValue> item)
    {
        public string? S(string name) => item.TryGetValue(name, out var v) ? v.S : null;

        public long? N(string name) => item.TryGetValue(name, out var v) && v.N is { } n ? long.Parse(n, CultureInfo.InvariantCulture) : null;

        public string Required(string name) => S(name) ?? throw new FormatException($"Job item lacks '{name}'.");

        public long RequiredN(string name) => N(name) ?? throw new FormatException($"Job item lacks '{name}'.");
    }
}
