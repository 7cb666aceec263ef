using System.Globalization;
using Microsoft.Extensions.Options;

namespace Gas.Annotator.Engine.Reference;

/// <summary>A table <c>reference fetch</c> downloaded.</summary>
public sealed record FetchedFile(Uri Source, string Path, long Bytes);

/// <summary>
/// Downloads the reference tables (UCSC hg19 by default; URLs from <see cref="EngineOptions.DownloadUrls"/>) into the reference folder.
/// Each file lands under a temporary name first, so an interrupted download never leaves a truncated table behind.
/// </summary>
public sealed class ReferenceFetcher(HttpClient http, IOptions<EngineOptions> options, TimeProvider time)
{
    public async Task<IReadOnlyList<FetchedFile>> FetchAsync(string directory, TextWriter log, CancellationToken ct = default)
    {
        Directory.CreateDirectory(directory);
        var fetched = new List<FetchedFile>();
        foreach (var url in options.Value.EffectiveDownloadUrls)
        {
            var uri = new Uri(url, UriKind.Absolute);
            var name = Uri.UnescapeDataString(uri.Segments[^1]);
            if (name.Length == 0 || name.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0)
            {
                throw new InvalidOperationException($"Cannot tell a file name from '{url}'.");
            }

            var target = System.IO.Path.Combine(directory, name);
            var temp = target + ".download";
            await log.WriteLineAsync($"Downloading {uri} …");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.DownloadTimeoutSeconds));
            try
            {
                using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if (!response.IsSuccessStatusCode)
                {
                    throw new HttpRequestException($"{uri} answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
                }

                long bytes;
                await using (var body = await response.Content.ReadAsStreamAsync(timeout.Token))
                await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    await body.CopyToAsync(file, timeout.Token);
                    bytes = file.Length;
                }

                if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) && !await LooksGzippedAsync(temp, timeout.Token))
                {
                    throw new InvalidDataException($"{uri} did not return gzip data (an error page?).");
                }

                File.Move(temp, target, overwrite: true);
                fetched.Add(new FetchedFile(uri, target, bytes));
                await log.WriteLineAsync($"  saved {target} ({bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes)");
            }
            finally
            {
                File.Delete(temp);
            }
        }

        var manifest = fetched.Select(f => string.Join('\t', f.Source, System.IO.Path.GetFileName(f.Path), f.Bytes.ToString(CultureInfo.InvariantCulture),
            time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)));
        await File.WriteAllLinesAsync(System.IO.Path.Combine(directory, "gas-reference-sources.tsv"), ["#url\tfile\tbytes\tfetched_utc", .. manifest], ct);
        return fetched;
    }

    private static async Task<bool> LooksGzippedAsync(string path, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        var magic = new byte[2];
        return await file.ReadAtLeastAsync(magic, 2, throwOnEndOfStream: false, ct) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }
}
