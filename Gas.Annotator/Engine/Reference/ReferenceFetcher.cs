using System.Globalization;
using Microsoft.Extensions.Options;

namespace Gas.Annotator.Engine.Reference;

/// <summary>A table <c>reference fetch</c> downloaded.</summary>
public sealed record FetchedFile(Uri Source, string Path, long Bytes);

/// <summary>
/// Downloads reference data: a build's folder as <see cref="ReferenceCatalog"/> lists it, or exactly the configured
/// <see cref="EngineOptions.DownloadUrls"/>. Each file lands under a temporary name first, so an interrupted download never
/// leaves a truncated table behind.
/// </summary>
public sealed class ReferenceFetcher(HttpClient http, IOptions<EngineOptions> options, TimeProvider time)
{
    public const string ManifestFileName = "gas-reference-sources.tsv";

    /// <summary>
    /// Fetches one build's folder, <c>&lt;directory&gt;/&lt;build&gt;/</c>: the files <see cref="ReferenceCatalog"/> lists for it
    /// (from <see cref="EngineOptions.UcscBaseUrl"/> and <see cref="EngineOptions.NcbiBaseUrl"/>), dbSNP only when asked.
    /// </summary>
    public async Task<IReadOnlyList<FetchedFile>> FetchBuildAsync(string directory, GenomeBuild build, bool withDbSnp, TextWriter log, CancellationToken ct = default)
    {
        var folder = System.IO.Path.Combine(directory, build.UcscName);
        var files = ReferenceCatalog.For(build, withDbSnp, options.Value.UcscBaseUrl, options.Value.NcbiBaseUrl);
        return await FetchAllAsync(folder, files, log, ct);
    }

    /// <summary>Downloads exactly <see cref="EngineOptions.DownloadUrls"/> into <paramref name="directory"/> (the layout before per-build folders).</summary>
    public async Task<IReadOnlyList<FetchedFile>> FetchAsync(string directory, TextWriter log, CancellationToken ct = default)
    {
        var files = options.Value.EffectiveDownloadUrls.Select(url =>
        {
            var uri = new Uri(url, UriKind.Absolute);
            return new ReferenceDownload(uri, Uri.UnescapeDataString(uri.Segments[^1]), "table");
        }).ToList();
        return await FetchAllAsync(directory, files, log, ct);
    }

    private async Task<IReadOnlyList<FetchedFile>> FetchAllAsync(string directory, IReadOnlyList<ReferenceDownload> files, TextWriter log, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var fetched = new List<FetchedFile>();
        foreach (var file in files)
        {
            fetched.Add(await DownloadAsync(file, directory, log, ct));
        }

        var manifest = fetched.Select(f => string.Join('\t', f.Source, System.IO.Path.GetFileName(f.Path), f.Bytes.ToString(CultureInfo.InvariantCulture),
            time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)));
        await File.WriteAllLinesAsync(System.IO.Path.Combine(directory, ManifestFileName), ["#url\tfile\tbytes\tfetched_utc", .. manifest], ct);
        return fetched;
    }

    /// <summary>
    /// Downloads one file into <paramref name="directory"/> under a temporary name and moves it into place only when complete
    /// and plausible (a .gz must be gzip, a .2bit must start with the 2bit signature), so a failure leaves nothing half-written.
    /// </summary>
    public async Task<FetchedFile> DownloadAsync(ReferenceDownload file, string directory, TextWriter log, CancellationToken ct = default)
    {
        var name = file.FileName;
        if (name.Length == 0 || name.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new InvalidOperationException($"Cannot tell a file name from '{file.Source}'.");
        }

        Directory.CreateDirectory(directory);
        var target = System.IO.Path.Combine(directory, name);
        var temp = target + ".download";
        await log.WriteLineAsync($"Downloading {file.Source}{(file.PublishedSize is { } size ? $" ({file.Kind}, published size {size})" : "")} …");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.DownloadTimeoutSeconds));
        var started = time.GetTimestamp();
        try
        {
            using var response = await http.GetAsync(file.Source, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{file.Source} answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
            }

            long bytes;
            await using (var body = await response.Content.ReadAsStreamAsync(timeout.Token))
            await using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await body.CopyToAsync(output, timeout.Token);
                bytes = output.Length;
            }

            await CheckContentAsync(file, temp, timeout.Token);
            File.Move(temp, target, overwrite: true);
            var seconds = time.GetElapsedTime(started).TotalSeconds;
            await log.WriteLineAsync($"  saved {target} ({bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes in {seconds.ToString("0.0", CultureInfo.InvariantCulture)} s)");
            return new FetchedFile(file.Source, target, bytes);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static async Task CheckContentAsync(ReferenceDownload file, string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        var magic = new byte[4];
        var read = await stream.ReadAtLeastAsync(magic, 4, throwOnEndOfStream: false, ct);
        if (file.FileName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) && !(read >= 2 && magic[0] == 0x1f && magic[1] == 0x8b))
        {
            throw new InvalidDataException($"{file.Source} did not return gzip data (an error page?).");
        }

        var signature = read == 4 ? BitConverter.ToUInt32(magic) : 0;
        if (file.FileName.EndsWith(".2bit", StringComparison.OrdinalIgnoreCase) && signature is not (0x1A412743 or 0x4327411A))
        {
            throw new InvalidDataException($"{file.Source} is not a .2bit genome (an error page?).");
        }
    }
}
