namespace Gas.Core.Jobs;

/// <summary>Lifecycle states of an annotation job, spelled as the seed stores them.</summary>
public enum JobStatus
{
    Pending,
    Running,
    Completed,
    Failed,
}

/// <summary>The plan a job's owner had when submitting it: it sets how much of an input the annotator reads for the job.</summary>
public enum UserTier
{
    Free,
    Premium,
}

/// <summary>Whether a job's results sit in the hot object store, in cold storage, or are coming back.</summary>
public enum ArchiveState
{
    Hot,
    Archived,
    Restoring,
}

/// <summary>The archive state a job's two archive columns spell, in one place for the full job and the list item.</summary>
public static class ArchiveStates
{
    public static ArchiveState Of(bool hasArchiveId, bool hasRestoreTier) => (hasArchiveId, hasRestoreTier) switch
    {
        (false, _) => ArchiveState.Hot,
        (true, false) => ArchiveState.Archived,
        _ => ArchiveState.Restoring,
    };
}

/// <summary>One annotation job as the job store keeps it; times are UTC epoch seconds.</summary>
public sealed record AnnotationJob
{
    public required string JobId { get; init; }
    public required string UserId { get; init; }
    public required string InputFileName { get; init; }
    public required string InputsBucket { get; init; }
    public required string InputKey { get; init; }
    public required long SubmitTime { get; init; }

    /// <summary>The owner's plan at submission (<c>user_tier</c>); jobs stored before it was recorded read as Free.</summary>
    public UserTier UserTier { get; init; } = UserTier.Free;
    public JobStatus Status { get; init; } = JobStatus.Pending;
    public string? ResultsBucket { get; init; }
    public string? ResultKey { get; init; }
    public string? LogKey { get; init; }
    public long? CompleteTime { get; init; }
    public string? ResultsArchiveId { get; init; }
    public string? RestoreTier { get; init; }
    public long? RestoreRequestedTime { get; init; }
    public string? FailureReason { get; init; }

    /// <summary>What the annotator wants the user to know: reference sources used, build warnings (one per line).</summary>
    public string? AnnotationNotes { get; init; }
    public long? LeaseUntil { get; init; }

    /// <summary>The genome build: at submission the user's choice (<c>GRCh37</c>, <c>GRCh38</c>; null to detect it), once completed the build annotated against.</summary>
    public string? GenomeBuild { get; init; }
    public int Attempts { get; init; }

    /// <summary>Set once the finished job's result was published to the results topic (until then a redelivery publishes it again).</summary>
    public bool ResultPublished { get; init; }

    /// <summary>The outcome the owner was emailed about, once the email went out; null before.</summary>
    public JobStatus? NotifiedStatus { get; init; }

    /// <summary>The archive copy an archiver is making right now (or made before it died), until it is recorded or abandoned.</summary>
    public string? ArchivePendingId { get; init; }

    /// <summary>The name the user gave the job at upload (<c>job_name</c>); null when they gave none.</summary>
    public string? JobName { get; init; }

    /// <summary>How many variant records the annotator wrote (<c>variant_count</c>); null until the job completes.</summary>
    public long? VariantCount { get; init; }

    public ArchiveState ArchiveState => ArchiveStates.Of(ResultsArchiveId is not null, RestoreTier is not null);

    public bool IsFinished => Status is JobStatus.Completed or JobStatus.Failed;
}

/// <summary>A page of a user's jobs, newest first, with the token for the next page.</summary>
public sealed record JobPage(IReadOnlyList<AnnotationJob> Jobs, string? NextPageToken);

/// <summary>Where the annotator put a finished job's output, and its notes for the job page.</summary>
public sealed record JobOutputs(string ResultsBucket, string ResultKey, string LogKey, string? Notes = null)
{
    /// <summary>The genome build the annotator used; stored on the job when set.</summary>
    public string? GenomeBuild { get; init; }

    /// <summary>How many variant records the annotator wrote; stored on the job when set.</summary>
    public long? Variants { get; init; }
}

/// <summary>What a job name may be: trimmed, at most <see cref="MaxLength"/> characters, no control characters.</summary>
public static class JobNames
{
    public const int MaxLength = 100;

    /// <summary>The name to store, or null for none; longer names are cut, control characters become spaces.</summary>
    public static string? Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var cleaned = new string(name.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        if (cleaned.Length > MaxLength)
        {
            cleaned = cleaned[..MaxLength].TrimEnd();
        }

        return cleaned.Length == 0 ? null : cleaned;
    }

    /// <summary>What a search compares against: name and file name, lower-cased alike by both job stores.</summary>
    public static string SearchText(string? jobName, string inputFileName) =>
        ((jobName ?? "") + "\n" + inputFileName).ToLowerInvariant();

    /// <summary>The search as the stores compare it: trimmed and lower-cased; null when there is nothing to search for.</summary>
    public static string? SearchTerm(string? text)
    {
        var term = new string((text ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        return term.Length == 0 ? null : term.ToLowerInvariant();
    }
}

/// <summary>Status names as stored (and as the seed spells them).</summary>
public static class JobStatusNames
{
    public static string ToStoredName(this JobStatus status) => status switch
    {
        JobStatus.Pending => "PENDING",
        JobStatus.Running => "RUNNING",
        JobStatus.Completed => "COMPLETED",
        JobStatus.Failed => "FAILED",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static JobStatus Parse(string stored) => stored switch
    {
        "PENDING" => JobStatus.Pending,
        "RUNNING" => JobStatus.Running,
        "COMPLETED" => JobStatus.Completed,
        "FAILED" => JobStatus.Failed,
        _ => throw new FormatException($"Unknown job status '{stored}'."),
    };
}

/// <summary>Plan names as stored, spelled as the accounts' roles are.</summary>
public static class UserTierNames
{
    public static string ToStoredName(this UserTier tier) => tier == UserTier.Premium ? "premium_user" : "free_user";

    /// <summary>Anything but <c>premium_user</c>, a missing value included, is Free: the smaller limits are the safe default.</summary>
    public static UserTier Parse(string? stored) => stored == "premium_user" ? UserTier.Premium : UserTier.Free;
}
