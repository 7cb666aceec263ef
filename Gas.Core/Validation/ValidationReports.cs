using System.Buffers;
using System.Text.Json;
using Gas.Core.Jobs;
using Gas.Core.Storage;

namespace Gas.Core.Validation;

/// <summary>
/// Where a job's validation report lives: a JSON object in the results bucket beside the log, under a key derived from the log's
/// (<c>…~input.vcf.count.log</c> → <c>…~input.vcf.validation.json</c>), so the job record needs no new attribute. Like the log
/// it stays when the results are archived.
/// </summary>
public static class ValidationReports
{
    private const string LogSuffix = ".count.log";
    private const int MaxReportBytes = 1 << 20;
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static string KeyFor(string logKey) =>
        (logKey.EndsWith(LogSuffix, StringComparison.Ordinal) ? logKey[..^LogSuffix.Length] : logKey) + ".validation.json";

    public static string Serialize(ValidationReport report) => JsonSerializer.Serialize(report, _json);

    public static ValidationReport? Deserialize(string json) => JsonSerializer.Deserialize<ValidationReport>(json, _json);

    /// <summary>Stores the report (with <see cref="ValidationReport.ShownLinesPerRule"/> lines per rule) next to the log.</summary>
    public static async Task SaveAsync(IObjectStore objects, string bucket, string logKey, ValidationReport report, CancellationToken ct = default)
    {
        await using var content = new MemoryStream();
        await JsonSerializer.SerializeAsync(content, report.WithLinesPerRule(ValidationReport.ShownLinesPerRule), _json, ct);
        content.Position = 0;
        await objects.PutAsync(bucket, KeyFor(logKey), content, "application/json", ct);
    }

    /// <summary>The job's report, or null when it has none (not finished, or finished before reports were kept).</summary>
    public static async Task<ValidationReport?> ReadAsync(IObjectStore objects, AnnotationJob job, CancellationToken ct = default)
    {
        if (job.ResultsBucket is null || job.LogKey is null)
        {
            return null;
        }

        try
        {
            await using var stream = await objects.OpenReadAsync(job.ResultsBucket, KeyFor(job.LogKey), ct);
            // Pooled: the job page reads the report on every view, and a fresh 1 MB buffer each time (zeroed, on the large
            // object heap) cost more than the rest of the page.
            var buffer = ArrayPool<byte>.Shared.Rent(MaxReportBytes);
            try
            {
                var read = await stream.ReadAtLeastAsync(buffer.AsMemory(0, MaxReportBytes), MaxReportBytes, throwOnEndOfStream: false, ct);
                return read == MaxReportBytes ? null : JsonSerializer.Deserialize<ValidationReport>(buffer.AsSpan(0, read), _json);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (Exception e) when (e is ObjectNotFoundException or JsonException)
        {
            return null;     // none, or not one this build can read: the page shows the job without it
        }
    }
}
