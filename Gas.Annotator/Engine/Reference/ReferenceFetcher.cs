using System.Globalization;
using Microsoft.Extensions.Options;

namespace Gas.Annotator.Engine.Reference;

/// <summary>A table <c>reference fetch</c> downloaded.</summary>
public sealed record FetchedFile(Uri Source, string Path, long Bytes);

/// <summary>
/// Downloads reference data: a build's folder as <see cref="ReferenceCatalog"/> lists it, or exactly the configured
/// <see cref="EngineOptions.DownloadUrls"/>. The command line (<c>reference fetch</c>) and the first-run fetch of the embedded
/// service both go through here. Each file lands under a temporary name first (<c>.download</c>), resumed with an HTTP Range
/// request when a connection breaks (and on the next run), checked against its folder's <c>md5sum.txt</c> where one is
/// published, and moved into place only when complete, so an interrupted download never leaves a truncated table behind.
/// </summary>
public sealed class ReferenceFetcher(HttpClient http, IOptions<EngineOptions> options, TimeProvider time)
{
    public const string ManifestFileName = "gas-reference-sources.tsv";

    /// <summary>
    /// Fetches one build's folder, <c>&lt;directory&gt;/&lt;build&gt;/</c>: the files <see cref="ReferenceCatalog"/> lists for it
    /// (from <see cref="EngineOptions.UcscBaseUrl"/> and <see cref="EngineOptions.NcbiBaseUrl"/>), dbSNP only when asked.
    /// </summary>
    public async Task<IReadOnlyList<FetchedFile>> FetchBuildAsync(string directory, GenomeBuild build, bool withDbSnp, TextWriter log,
        IProgress<FetchProgress>? progress = null, CancellationToken ct = default)
    {
        var folder = System.IO.Path.Combine(directory, build.UcscName);
        var files = ReferenceCatalog.For(build, withDbSnp, options.Value.UcscBaseUrl, options.Value.NcbiBaseUrl);
        return await FetchFilesAsync(folder, files, log, progress, ct);
    }

    /// <summary>Downloads exactly <see cref="EngineOptions.DownloadUrls"/> into <paramref name="directory"/> (the layout before per-build folders).</summary>
    public async Task<IReadOnlyList<FetchedFile>> FetchAsync(string directory, TextWriter log, IProgress<FetchProgress>? progress = null, CancellationToken ct = default)
    {
        var files = options.Value.EffectiveDownloadUrls.Select(url =>
        {
            var uri = new Uri(url, UriKind.Absolute);
            return new ReferenceDownload(uri, Uri.UnescapeDataString(uri.Segments[^1]), "table");
        }).ToList();
        return await FetchFilesAsync(directory, files, log, progress, ct);
    }

    /// <summary>Downloads <paramref name="files"/> into <paramref name="directory"/> one by one and records them in the folder's manifest.</summary>
    public async Task<IReadOnlyList<FetchedFile>> FetchFilesAsync(string directory, IReadOnlyList<ReferenceDownload> files, TextWriter log,
        IProgress<FetchProgress>? progress = null, CancellationToken ct = default)
    {
        Directory.CreateDirectory(directory);
        var sums = new Dictionary<Uri, Md5Sums?>();
        var fetched = new List<FetchedFile>();
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var folder = new Uri(file.Source, ".");
            if (!sums.TryGetValue(folder, out var folderSums))
            {
                folderSums = sums[folder] = await Md5Sums.LoadBesideAsync(http, file.Source, ct);
            }

            var download = new ResumableDownload(http, time, options.Value, log, progress, i + 1, files.Count);
            fetched.Add(await download.RunAsync(file, directory, folderSums, ct));
        }

        await WriteManifestAsync(directory, fetched, ct);
        return fetched;
    }

    /// <summary>
    /// Downloads one file into <paramref name="directory"/> under a temporary name and moves it into place only when complete
    /// and plausible (a .gz must be gzip, a .2bit must start with the 2bit signature, the md5 must match <c>md5sum.txt</c>).
    /// </summary>
    public async Task<FetchedFile> DownloadAsync(ReferenceDownload file, string directory, TextWriter log, CancellationToken ct = default) =>
        (await FetchFilesAsync(directory, [file], log, null, ct))[0];

    // keeps the lines of files fetched earlier (the first run fetches the tables, then the genome)
    private async Task WriteManifestAsync(string directory, List<FetchedFile> fetched, CancellationToken ct)
    {
        var path = System.IO.Path.Combine(directory, ManifestFileName);
        var names = fetched.Select(f => System.IO.Path.GetFileName(f.Path)).ToHashSet(StringComparer.Ordinal);
        var earlier = File.Exists(path)
            ? (await File.ReadAllLinesAsync(path, ct)).Skip(1).Where(line => line.Split('\t') is [_, var name, ..] && !names.Contains(name))
            : [];
        var now = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var lines = fetched.Select(f => string.Join('\t', f.Source, System.IO.Path.GetFileName(f.Path), f.Bytes.ToString(CultureInfo.InvariantCulture), now));
        await File.WriteAllLinesAsync(path, ["#url\tfile\tbytes\tfetched_utc", .. earlier, .. lines], ct);
    }
}
