using System.Text.Json;
using System.Text.Json.Serialization;
using Gas.Core.Jobs;

namespace Gas.Core.Messaging;

/// <summary>Published when a job is submitted; the annotator consumes it.</summary>
public sealed record JobRequest(
    [property: JsonPropertyName("job_id")] string JobId,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("input_file_name")] string InputFileName,
    [property: JsonPropertyName("s3_inputs_bucket")] string InputsBucket,
    [property: JsonPropertyName("s3_key_input_file")] string InputKey,
    [property: JsonPropertyName("submit_time")] long SubmitTime)
{
    public static JobRequest For(AnnotationJob job) =>
        new(job.JobId, job.UserId, job.InputFileName, job.InputsBucket, job.InputKey, job.SubmitTime);
}

/// <summary>Published when a job finishes (COMPLETED or FAILED); notify and archive consume it.</summary>
public sealed record JobResult(
    [property: JsonPropertyName("job_id")] string JobId,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("job_status")] string Status,
    [property: JsonPropertyName("complete_time")] long CompleteTime);

/// <summary>Published when a user becomes Premium; restore consumes it.</summary>
public sealed record RestoreRequest(
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("requested_time")] long RequestedTime);

/// <summary>Reads and writes the message contracts as JSON.</summary>
public static class MessageJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T message) => JsonSerializer.Serialize(message, Options);

    /// <summary>Parses a message body, unwrapping an SNS envelope when the body is one.</summary>
    public static T Deserialize<T>(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("Type", out var type) && type.GetString() == "Notification"
            && root.TryGetProperty("Message", out var inner))
        {
            return JsonSerializer.Deserialize<T>(inner.GetString() ?? "", Options)
                ?? throw new JsonException("Empty message.");
        }

        return root.Deserialize<T>(Options) ?? throw new JsonException("Empty message.");
    }
}
