using System.Net;

namespace Gas.Cli.Upload;

/// <summary>A file's bytes as request content, reporting the running total sent as the handler pulls them.</summary>
public sealed class ProgressStreamContent(Stream source, long contentLength, IProgress<long> progress, int bufferSize = 64 * 1024) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = new byte[bufferSize];
        long sent = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            sent += read;
            progress.Report(sent);
        }

        if (sent != contentLength)
        {
            throw new IOException($"the file changed while it was being sent ({sent} bytes read, {contentLength} expected)");
        }
    }

    // the length is known up front, so the form carries a Content-Length (S3 refuses a chunked POST)
    protected override bool TryComputeLength(out long length)
    {
        length = contentLength;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            source.Dispose();
        }

        base.Dispose(disposing);
    }
}
