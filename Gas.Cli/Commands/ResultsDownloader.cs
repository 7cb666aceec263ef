using Gas.Cli.Api;

namespace Gas.Cli.Commands;

/// <summary>
/// Saves a completed job's annotated VCF (and, when asked, its log) into a folder, under the name the store gives it.
/// A file is written beside its final name and moved into place once whole, so a cut download never looks complete.
/// </summary>
public sealed class ResultsDownloader(GasApiClient api)
{
    public async Task<IReadOnlyList<string>> DownloadAsync(Job job, DirectoryInfo folder, bool withLog, CancellationToken ct)
    {
        switch (job.Status)
        {
            case JobStatuses.Failed:
                throw new CliException(ExitCodes.JobFailed, $"job {job.Id} failed: {job.FailureReason ?? "no reason given"}");
            case not JobStatuses.Completed:
                throw new CliException(ExitCodes.Error, $"job {job.Id} is {job.Status}: its results are not ready yet (wait with: gas status {job.Id})");
        }

        folder.Create();
        var saved = new List<string> { await SaveAsync(job.Id, "results", folder, ct) };
        if (withLog)
        {
            saved.Add(await SaveAsync(job.Id, "log", folder, ct));
        }

        return saved;
    }

    private async Task<string> SaveAsync(string id, string what, DirectoryInfo folder, CancellationToken ct)
    {
        using var response = await api.OpenDownloadAsync(id, what, ct);
        var name = FileName(response, id, what);
        var path = Path.Combine(folder.FullName, name);
        var partial = path + ".part";
        try
        {
            await using var target = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            await response.Content.CopyToAsync(target, ct);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        File.Move(partial, path, overwrite: true);
        return path;
    }

    /// <summary>The store's attachment name, else the signed URL's last segment, else one made from the job id; never a path.</summary>
    internal static string FileName(HttpResponseMessage response, string id, string what)
    {
        var disposition = response.Content.Headers.ContentDisposition;
        var candidates = new[]
        {
            disposition?.FileNameStar,
            disposition?.FileName?.Trim('"'),
            response.RequestMessage?.RequestUri is { } url ? Uri.UnescapeDataString(url.Segments[^1]) : null,
        };
        foreach (var candidate in candidates)
        {
            var name = Path.GetFileName(candidate ?? "");
            if (name.Length > 0 && name != "." && name != ".." && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && name != what)
            {
                return name;
            }
        }

        return what == "log" ? $"{id}.log" : $"{id}.annot.vcf";
    }
}
