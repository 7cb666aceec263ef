using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gas.Cli.Api;

/// <summary>The presigned form <c>POST /api/v1/jobs/uploads</c> answers with.</summary>
public sealed record UploadForm(Uri Url, IReadOnlyDictionary<string, string> Fields, string Key, long MaxBytes, DateTimeOffset ExpiresAt);

/// <summary>A job as the API describes it.</summary>
public sealed record Job(
    string Id,
    string? Name,
    string InputFileName,
    string Status,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? CompletedAt,
    string? GenomeBuild,
    long? VariantCount,
    string? FailureReason,
    string? ArchiveState,
    bool ResultsAvailable)
{
    public bool IsFinished => Status is JobStatuses.Completed or JobStatuses.Failed;
}

/// <summary>The job statuses the API reports.</summary>
public static class JobStatuses
{
    public const string Pending = "PENDING";
    public const string Running = "RUNNING";
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";
}

/// <summary>One page of <c>GET /api/v1/jobs</c>.</summary>
public sealed record JobPage(IReadOnlyList<Job> Items, int Page, int PageSize, bool HasMore);

/// <summary>What <c>POST /api/v1/jobs</c> takes.</summary>
public sealed record NewJob(string Key, string? Name, string? Build);

/// <summary>The API's wire format: camelCase JSON.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(UploadForm))]
[JsonSerializable(typeof(Job))]
[JsonSerializable(typeof(JobPage))]
[JsonSerializable(typeof(NewJob))]
[JsonSerializable(typeof(UploadRequest))]
internal sealed partial class ApiJson : JsonSerializerContext;

/// <summary>What <c>POST /api/v1/jobs/uploads</c> takes.</summary>
public sealed record UploadRequest(string FileName);
