using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Gas.Annotator.Engine.Reference;

/// <summary>
/// One file of a reference fetch: downloaded into <c>&lt;name&gt;.download</c>, resumed from where it broke off with an HTTP
/// Range request (up to <see cref="EngineOptions.DownloadAttempts"/> tries; a partial file left by an earlier run is resumed
/// too), checked, then moved into place. A broken connection keeps the partial file; an HTTP error or a bad file removes it.
/// </summary>
internal sealed class ResumableDownload(
    HttpClient http, TimeProvider time, EngineOptions options, TextWriter log, IProgress<FetchProgress>? progress, int fileNumber, int fileCount)
{
    private const int BufferBytes = 1 << 16;

    public async Task<FetchedFile> RunAsync(ReferenceDownload file, string directory, Md5Sums? sums, CancellationToken ct)
    {
        var name = file.FileName;
        if (name.Length == 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new InvalidOperationException($"Cannot tell a file name from '{file.Source}'.");
        }

        Directory.CreateDirectory(directory);
        var target = Path.Combine(directory, name);
        var temp = target + ".download";
        await log.WriteLineAsync($"Downloading {file.Source}{(file.PublishedSize is { } size ? $" ({file.Kind}, published size {size})" : "")} …");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.DownloadTimeoutSeconds));
        var started = time.GetTimestamp();
        var keepPartial = false;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var before = Length(temp);
                try
                {
                    await AttemptAsync(file, temp, timeout.Token);
                    break;
                }
                catch (Exception e) when (IsBrokenConnection(e) && !timeout.IsCancellationRequested)
                {
                    var have = Length(temp);
                    if (attempt >= options.DownloadAttempts)
                    {
                        keepPartial = have > 0;
                        throw new IOException(
                            $"{file.Source} could not be downloaded after {attempt} attempt(s): {e.Message}" +
                            (have > 0 ? $" ({Bytes(have)} are kept in {temp}; the next fetch resumes from there)" : ""), e);
                    }

                    await log.WriteLineAsync($"  connection broke after {Bytes(have)} ({e.Message}); resuming (attempt {attempt + 1} of {options.DownloadAttempts})");
                    if (have <= before)
                    {
                        // nothing arrived: give the network a moment; a connection that broke mid-file resumes at once
                        await Task.Delay(TimeSpan.FromSeconds(attempt), time, timeout.Token);
                    }
                }
            }

            await CheckContentAsync(file, temp, timeout.Token);
            await CheckMd5Async(file, temp, sums, timeout.Token);
            var bytes = new FileInfo(temp).Length;
            File.Move(temp, target, overwrite: true);
            var seconds = time.GetElapsedTime(started).TotalSeconds;
            await log.WriteLineAsync($"  saved {target} ({Bytes(bytes)} in {seconds.ToString("0.0", CultureInfo.InvariantCulture)} s)");
            return new FetchedFile(file.Source, target, bytes);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            keepPartial = true;
            var why = timeout.IsCancellationRequested ? $"it did not finish within {options.DownloadTimeoutSeconds} s (Gas:Engine:DownloadTimeoutSeconds)" : e.Message;
            throw new TimeoutException($"{file.Source} timed out: {why}; the next fetch resumes it.", e);
        }
        catch (OperationCanceledException)
        {
            keepPartial = true;
            throw;
        }
        finally
        {
            if (!keepPartial)
            {
                File.Delete(temp);
            }
        }
    }

    private async Task AttemptAsync(ReferenceDownload file, string temp, CancellationToken ct)
    {
        var have = Length(temp);
        using var request = new HttpRequestMessage(HttpMethod.Get, file.Source);
        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && have > 0)
        {
            // the partial file is not a prefix of what the server has now: start over
            File.Delete(temp);
            throw new HttpIOException(HttpRequestError.ResponseEnded, $"{file.Source} refused to resume at {Bytes(have)}; starting over");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{file.Source} answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }

        var resumed = response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange?.From == have;
        if (have > 0)
        {
            await log.WriteLineAsync(resumed ? $"  resuming at {Bytes(have)}" : "  the server does not resume downloads; starting over");
        }

        var offset = resumed ? have : 0;
        long? length = resumed ? response.Content.Headers.ContentRange?.Length : response.Content.Headers.ContentLength;
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await using var output = new FileStream(temp, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferBytes, useAsync: true);
        var buffer = new byte[BufferBytes];
        var written = offset;
        progress?.Report(new FetchProgress(file.FileName, file.Kind, fileNumber, fileCount, written, length));
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            await output.WriteAsync(buffer.AsMemory(0, read), ct);
            written += read;
            progress?.Report(new FetchProgress(file.FileName, file.Kind, fileNumber, fileCount, written, length));
        }

        if (length is { } expected && written != expected)
        {
            throw new HttpIOException(HttpRequestError.ResponseEnded, $"the connection closed after {Bytes(written)} of {Bytes(expected)}");
        }
    }

    private static bool IsBrokenConnection(Exception e) =>
        e is IOException || (e is HttpRequestException http && (http.StatusCode is null || (int)http.StatusCode >= 500));

    private async Task CheckMd5Async(ReferenceDownload file, string path, Md5Sums? sums, CancellationToken ct)
    {
        if (sums?.For(file.FileName) is not { } expected)
        {
            await log.WriteLineAsync($"  no md5 published for {file.FileName} ({(sums is null ? $"no {Md5Sums.FileName} in its folder" : $"not listed in {Md5Sums.FileName}")}): checked its format only");
            return;
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, useAsync: true);
        var actual = await Md5Sums.HashAsync(stream, ct);
        if (actual != expected)
        {
            throw new InvalidDataException($"{file.Source} does not match {Md5Sums.FileName} (md5 {actual}, expected {expected}); it was removed, fetch it again.");
        }

        await log.WriteLineAsync($"  md5 {actual} matches {Md5Sums.FileName}");
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

    private static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    private static string Bytes(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
}
