using Gas.Core.Jobs;
using Gas.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Gas.Core.VariantIndex;

/// <summary>
/// Results indexes in the results store, next to the annotated VCF they were built from (<see cref="ResultsIndexFormat.IndexKeyFor"/>),
/// read through the local <see cref="ResultsIndexCache"/>. An index that is missing (a job annotated before indexes existed)
/// or of an older schema (rows per allele, before the block layout) is built from the VCF on first use and stored, so it is
/// built once; while the VCF is archived, an older summary-only index still gives the job page its summary.
/// </summary>
public sealed class ResultsIndexStore(IObjectStore objects, ResultsIndexCache cache, ILogger<ResultsIndexStore> logger)
{
    public const string ContentType = "application/vnd.sqlite3";

    /// <summary>
    /// The job's index, or null when there is none and none can be built (no results yet, or archived before it existed).
    /// With <paramref name="needVariants"/> a summary-only index is not enough: it is rebuilt from the VCF when the VCF is back.
    /// </summary>
    public async Task<IndexLease?> OpenAsync(AnnotationJob job, bool needVariants, CancellationToken ct)
    {
        if (job.Status != JobStatus.Completed || job.ResultsBucket is not { } bucket || string.IsNullOrEmpty(job.ResultKey))
        {
            return null;
        }

        var key = ResultsIndexFormat.IndexKeyFor(job.ResultKey);
        bool Acceptable(ResultsIndexInfo info) => info.SchemaVersion == ResultsIndexFormat.SchemaVersion && (info.HasVariants || !needVariants);
        var lease = await cache.GetOrFillAsync(bucket + "/" + key, index => Acceptable(index.Info), async (path, token) =>
        {
            if (await DownloadAsync(bucket, key, path, token) && Acceptable(ResultsIndex.Probe(path)))
            {
                return true;
            }

            return await BuildFromResultsAsync(job, path, token);
        }, ct);
        if (lease is null && !needVariants)
        {
            // A summary-only index is still worth showing when the rows cannot be had: one of an earlier schema too (an
            // archived job's, from before the current layout), whose meta table and summary read the same.
            lease = await cache.GetOrFillAsync(bucket + "/" + key, index => SummaryReadable(index.Info),
                async (path, token) => await DownloadAsync(bucket, key, path, token) && SummaryReadable(ResultsIndex.Probe(path)), ct);
        }

        return lease;
    }

    private static bool SummaryReadable(ResultsIndexInfo info) =>
        info.SchemaVersion is >= ResultsIndexFormat.RowSchemaVersion and <= ResultsIndexFormat.SchemaVersion;

    /// <summary>Stores an index built while annotating (<see cref="IndexingOutputStream"/>) next to the results, taking the file over.</summary>
    public Task StoreAsync(string bucket, string resultKey, string indexPath, CancellationToken ct) =>
        objects.PutFileAsync(bucket, ResultsIndexFormat.IndexKeyFor(resultKey), indexPath, ContentType, ct);

    /// <summary>
    /// Before the results go to the archive: the stored index keeps its summary but loses the variant rows, which are
    /// rebuilt from the VCF when it comes back. Needs the results still in the store when no index was stored yet.
    /// </summary>
    public async Task KeepSummaryOnlyAsync(AnnotationJob job, CancellationToken ct)
    {
        if (job.ResultsBucket is not { } bucket || string.IsNullOrEmpty(job.ResultKey))
        {
            return;
        }

        var key = ResultsIndexFormat.IndexKeyFor(job.ResultKey);
        var work = Path.Combine(cache.Directory, "archive-" + Guid.NewGuid().ToString("N"));
        try
        {
            var full = work + ".full.sqlite";
            if (!await DownloadAsync(bucket, key, full, ct) || ResultsIndex.Probe(full).SchemaVersion != ResultsIndexFormat.SchemaVersion)
            {
                if (!await BuildFromResultsAsync(job, full, ct))
                {
                    return;
                }
            }

            if (!ResultsIndex.Probe(full).HasVariants)
            {
                return;
            }

            ResultsIndexBuilder.WriteSummaryOnly(full, work + ".summary.sqlite");
            await UploadAsync(bucket, key, work + ".summary.sqlite", ct);
            cache.Invalidate(bucket + "/" + key);
        }
        finally
        {
            File.Delete(work + ".full.sqlite");
            File.Delete(work + ".summary.sqlite");
        }
    }

    /// <summary>After a thaw: the full index again, built from the restored VCF.</summary>
    public async Task RebuildAsync(AnnotationJob job, CancellationToken ct)
    {
        if (job.ResultsBucket is not { } bucket || string.IsNullOrEmpty(job.ResultKey))
        {
            return;
        }

        var path = Path.Combine(cache.Directory, "thaw-" + Guid.NewGuid().ToString("N") + ".sqlite");
        try
        {
            if (await BuildFromResultsAsync(job, path, ct))
            {
                cache.Invalidate(bucket + "/" + ResultsIndexFormat.IndexKeyFor(job.ResultKey));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<bool> DownloadAsync(string bucket, string key, string path, CancellationToken ct)
    {
        try
        {
            await using var source = await objects.OpenReadAsync(bucket, key, ct);
            await using var file = File.Create(path);
            await source.CopyToAsync(file, ct);
            return true;
        }
        catch (ObjectNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Builds from the annotated VCF in the results store and stores the index; false when the VCF is not there.</summary>
    private async Task<bool> BuildFromResultsAsync(AnnotationJob job, string path, CancellationToken ct)
    {
        try
        {
            await using var vcf = await objects.OpenReadAsync(job.ResultsBucket!, job.ResultKey!, ct);
            var stats = await Task.Run(() => ResultsIndexBuilder.Build(vcf, path, ct), ct);
            logger.LogInformation("Built the results index of job {JobId}: {Alleles} alleles in {Seconds:0.000} s",
                job.JobId, stats.Alleles, stats.Elapsed.TotalSeconds);
        }
        catch (ObjectNotFoundException)
        {
            return false;
        }

        await UploadAsync(job.ResultsBucket!, ResultsIndexFormat.IndexKeyFor(job.ResultKey!), path, ct);
        return true;
    }

    private async Task UploadAsync(string bucket, string key, string path, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        await objects.PutAsync(bucket, key, file, ContentType, ct);
    }
}
