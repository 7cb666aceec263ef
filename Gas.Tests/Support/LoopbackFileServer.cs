using Gas.Annotator.Engine.Reference;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Gas.Tests.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel on a free port) serving the files under a folder by path, as UCSC's and NCBI's
/// download sites do, with HTTP Range requests honoured; a path under <c>broken/</c> answers 200 with an HTML error page,
/// anything missing answers 404. With <see cref="CutFirstDownloads"/> set, the first request for each file sends half of it
/// and then drops the connection, as a flaky network does.
/// </summary>
internal sealed class LoopbackFileServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackFileServer(WebApplication app, string root)
    {
        _app = app;
        Root = root;
    }

    public string Root { get; }

    public Uri BaseUrl => new(_app.Urls.First() + "/");

    public List<string> Requested { get; } = [];

    /// <summary>The Range header of each request, by path ("" when none).</summary>
    public List<(string Path, string Range)> Ranges { get; } = [];

    /// <summary>Cut the connection half-way through the first download of each file (of at least 2 bytes; not the md5sum.txt lists).</summary>
    public bool CutFirstDownloads { get; set; }

    /// <summary>While set and not completed, every request waits for it before it is answered.</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>Bytes sent before each cut, by path.</summary>
    public Dictionary<string, long> CutAt { get; } = [];

    public static async Task<LoopbackFileServer> StartAsync(string root)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new LoopbackFileServer(app, root);
        app.MapGet("/{**path}", async (string path, HttpContext context) =>
        {
            bool cut;
            lock (server.Requested)
            {
                server.Requested.Add(path);
                server.Ranges.Add((path, context.Request.Headers.Range.ToString()));
                cut = server.CutFirstDownloads && !server.CutAt.ContainsKey(path) && !path.EndsWith("md5sum.txt", StringComparison.Ordinal);
            }

            if (path.StartsWith("broken/", StringComparison.Ordinal))
            {
                return Results.Content("<html><body>Service temporarily unavailable</body></html>", "text/html");
            }

            if (server.Hold is { } hold)
            {
                await hold.Task.WaitAsync(context.RequestAborted);
            }

            var file = Path.GetFullPath(Path.Combine(root, path));
            if (!file.StartsWith(Path.GetFullPath(root), StringComparison.Ordinal) || !File.Exists(file))
            {
                return Results.NotFound();
            }

            var length = new FileInfo(file).Length;
            if (cut && length >= 2)
            {
                lock (server.Requested)
                {
                    server.CutAt[path] = length / 2;
                }

                // Written on the socket itself, then half-closed: Kestrel's own abort could drop bytes still in its output buffer,
                // so the client might see nothing; this way it surely gets the first half, then the end of the stream.
                var socket = context.Features.Get<IConnectionSocketFeature>()?.Socket
                    ?? throw new InvalidOperationException("Kestrel's socket transport is needed to cut a download.");
                var head = System.Text.Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n");
                var half = new byte[length / 2];
                await using (var content = File.OpenRead(file))
                {
                    await content.ReadExactlyAsync(half);
                }

                byte[] response = [.. head, .. half];
                for (var sent = 0; sent < response.Length;)
                {
                    sent += await socket.SendAsync(response.AsMemory(sent));
                }

                socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
                try
                {
                    // closed only once the client has closed its side (it has then read every byte sent), so no reset drops any
                    await Task.Delay(TimeSpan.FromMinutes(3), context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }

                context.Abort();
                return Results.Empty;
            }

            return Results.File(file, "application/octet-stream", enableRangeProcessing: true);
        });
        await app.StartAsync();
        return server;
    }

    /// <summary>Writes a file under the served folder.</summary>
    public string Put(string path, byte[] content)
    {
        var file = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, content);
        return file;
    }

    /// <summary>An md5sum.txt for every file in <paramref name="folder"/>, as UCSC publishes one per download folder; <paramref name="wrongFor"/> gets a wrong sum.</summary>
    public void PublishMd5Sums(string folder, string? wrongFor = null)
    {
        var lines = Directory.GetFiles(Path.Combine(Root, folder))
            .Where(f => !f.EndsWith(Md5Sums.FileName, StringComparison.Ordinal))
            .Select(f => $"{(Path.GetFileName(f) == wrongFor ? new string('0', 32) : Md5Of(f))}  {Path.GetFileName(f)}");
        Put($"{folder}/{Md5Sums.FileName}", System.Text.Encoding.ASCII.GetBytes(string.Join('\n', lines) + "\n"));
    }

    private static string Md5Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Md5Sums.HashAsync(stream).GetAwaiter().GetResult();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
