using System.Globalization;
using System.Text;
using Gas.Annotator.Engine;
using Gas.Annotator.Engine.Validation;
using Gas.Core.Jobs;
using Gas.Core.Storage;
using Gas.Core.VariantIndex;
using Gas.Core.Validation;
using Microsoft.Extensions.Logging;

namespace Gas.Annotator.Worker;

public sealed partial class JobRunner
{
    /// <summary>What the job page shows of a run's notes, however many warnings an input provokes.</summary>
    private const int MaxNotesChars = 4096;

    /// <param name="work">Cancelled at shutdown or when the job's time budget runs out.</param>
    /// <param name="ct">Cancelled at shutdown only: the job's final bookkeeping runs even past its budget.</param>
    private async Task<RunOutcome> AnnotateAsync(AnnotationJob job, CancellationToken work, CancellationToken ct)
    {
        var prefix = job.InputKey[..(job.InputKey.LastIndexOf('~') + 1)];
        var stem = Path.GetFileNameWithoutExtension(job.InputFileName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? job.InputFileName[..^3]
            : job.InputFileName);
        var outputs = new JobOutputs(storage.Value.ResultsBucket, $"{prefix}{stem}.annot.vcf", $"{prefix}{job.InputFileName}.count.log");

        // Files of this attempt, each removed on its own: no folder per job, whose removal cost more than the job's file work.
        var scratch = options.Value.WorkDirectory is { Length: > 0 } dir ? Directory.CreateDirectory(dir).FullName : Path.GetTempPath();
        var attempt = Path.Combine(scratch, $"gas-{job.JobId}-{Guid.NewGuid():N}");
        var inputCopyPath = attempt + ".input";
        var outputPath = attempt + ".annot.vcf";
        var indexPath = outputPath + ".index.sqlite";
        var log = new StringBuilder();
        await using var logWriter = new StringWriter(log) { NewLine = "\n" };
        try
        {
            await logWriter.WriteLineAsync($"GAS annotation log for job {job.JobId}");
            await logWriter.WriteLineAsync($"Input: {job.InputFileName}");
            await logWriter.WriteLineAsync($"Started: {time.GetUtcNow():u}");

            var limits = options.Value.Limits.For(job.UserTier);
            AnnotationSummary summary;
            Task<ResultsIndexStats> index;
            long engineDone;
            Stream input;
            try
            {
                input = await OpenInputAsync(job, inputCopyPath, work);
            }
            catch (ObjectNotFoundException)
            {
                return await FailAsync(job, "The uploaded input file is missing from storage; please submit it again.", null, ct);
            }

            await using (input)
            await using (var file = File.Create(outputPath))
            await using (var output = new IndexingOutputStream(file, indexPath, work))
            {
                summary = await engine.AnnotateAsync(input, output, logWriter, limits, job.GenomeBuild, work);
                engineDone = time.GetTimestamp();
                index = output.CompleteAsync();
            }

            foreach (var warning in summary.Warnings)
            {
                await logWriter.WriteLineAsync($"Warning: {warning}");
            }

            await StoreResultsIndexAsync(outputs, index, engineDone, indexPath, logWriter, work);
            await WriteValidationAsync(outputs, summary.Validation, logWriter, work);
            await logWriter.WriteLineAsync($"Finished: {time.GetUtcNow():u}");
            await objects.PutFileAsync(outputs.ResultsBucket, outputs.ResultKey, outputPath, "text/vcf", work);

            await UploadLogAsync(outputs, log, work);
            var completeTime = time.GetUtcNow().ToUnixTimeSeconds();
            if (await jobs.TryCompleteAsync(job.JobId, outputs with { Notes = Notes(summary), GenomeBuild = summary.GenomeBuild, Variants = summary.Variants }, completeTime, ct))
            {
                logger.LogInformation("Job {JobId} completed", job.JobId);
                await results.AnnounceAsync(job.JobId, job.UserId, JobStatus.Completed, completeTime, ct);
            }

            return RunOutcome.Completed;
        }
        catch (RejectedInputException e)
        {
            var reason = e is VcfFormatException ? $"Invalid VCF input. {e.Message}" : e.Message;
            await WriteValidationAsync(outputs, e.Validation ?? Refused(e), logWriter, ct);
            await logWriter.WriteLineAsync(e is VcfFormatException ? $"FAILED: the input is not a valid VCF file. {e.Message}" : $"FAILED: {e.Message}");
            await UploadLogAsync(outputs, log, ct);
            return await FailAsync(job, reason, outputs with { ResultKey = "" }, ct);
        }
        catch (OperationCanceledException) when (work.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            var reason = $"Annotation exceeded its time budget of {Duration(options.Value.JobTimeBudget)} and was stopped. " +
                "It is not retried: if the input is very large, split it into parts.";
            await logWriter.WriteLineAsync($"FAILED: {reason}");
            await UploadLogAsync(outputs, log, ct);
            return await FailAsync(job, reason, outputs with { ResultKey = "" }, ct);
        }
        finally
        {
            File.Delete(inputCopyPath);
            File.Delete(outputPath);
            File.Delete(indexPath);
        }
    }

    /// <summary>
    /// The input as the engine needs it, seekable: the store's own stream when it can seek (a file in the folder store), else
    /// a copy in <paramref name="copyPath"/> (S3's response stream).
    /// </summary>
    private async Task<Stream> OpenInputAsync(AnnotationJob job, string copyPath, CancellationToken ct)
    {
        var source = await objects.OpenReadAsync(job.InputsBucket, job.InputKey, ct);
        if (source.CanSeek)
        {
            return source;
        }

        await using (source)
        await using (var file = File.Create(copyPath))
        {
            await source.CopyToAsync(file, ct);
        }

        return File.OpenRead(copyPath);
    }

    /// <summary>The validation report: listed in the log (bounded per rule), and stored beside it for the job page and the API.</summary>
    private async Task WriteValidationAsync(JobOutputs outputs, ValidationReport? report, TextWriter log, CancellationToken ct)
    {
        if (report is null)
        {
            return;
        }

        await ValidationLog.WriteAsync(report, log);
        await ValidationReports.SaveAsync(objects, outputs.ResultsBucket, outputs.LogKey, report, ct);
    }

    /// <summary>The report of an input refused before validation could say anything about it (its limits, a damaged gzip).</summary>
    private static ValidationReport Refused(RejectedInputException e) => new VcfValidation(enabled: false).Report(e);

    /// <summary>The lines the job page shows: which reference was used, and every warning.</summary>
    private static string? Notes(AnnotationSummary summary)
    {
        var lines = new List<string>();
        if (summary.GenomeBuild is not null)
        {
            lines.Add($"Genome build: {summary.GenomeBuild} ({summary.GenomeBuildReason})");
        }

        if (summary.Sources.Count > 0)
        {
            lines.Add("Reference: " + string.Join("; ", summary.Sources));
        }

        lines.AddRange(summary.Warnings);
        var notes = string.Join('\n', lines);
        return notes.Length == 0 ? null : notes.Length <= MaxNotesChars ? notes : notes[..MaxNotesChars] + "… (more in the log)";
    }

    /// <summary>A budget as people say it: 1 hour, 90 minutes, 45 seconds.</summary>
    private static string Duration(TimeSpan span)
    {
        var inv = CultureInfo.InvariantCulture;
        return span switch
        {
            { TotalHours: >= 1 } when span.TotalHours == Math.Floor(span.TotalHours) =>
                span.TotalHours == 1 ? "1 hour" : $"{span.TotalHours.ToString("0", inv)} hours",
            { TotalMinutes: >= 1 } when span.TotalMinutes == Math.Floor(span.TotalMinutes) =>
                span.TotalMinutes == 1 ? "1 minute" : $"{span.TotalMinutes.ToString("0", inv)} minutes",
            _ => $"{span.TotalSeconds.ToString("0.#", inv)} seconds",
        };
    }

    private async Task UploadLogAsync(JobOutputs outputs, StringBuilder log, CancellationToken ct)
    {
        await using var content = new MemoryStream(Encoding.UTF8.GetBytes(log.ToString()));
        await objects.PutAsync(outputs.ResultsBucket, outputs.LogKey, content, "text/plain", ct);
    }

    private async Task<RunOutcome> FailAsync(AnnotationJob job, string reason, JobOutputs? outputs, CancellationToken ct)
    {
        var completeTime = time.GetUtcNow().ToUnixTimeSeconds();
        if (await jobs.TryFailAsync(job.JobId, reason, completeTime, outputs, ct))
        {
            await results.AnnounceAsync(job.JobId, job.UserId, JobStatus.Failed, completeTime, ct);
        }

        logger.LogInformation("Job {JobId} failed: {Reason}", job.JobId, reason);
        return RunOutcome.Failed;
    }
}
