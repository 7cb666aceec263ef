using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace Gas.Tests.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel on a free port) serving the files under a folder by path, as UCSC's and NCBI's
/// download sites do; a path under <c>broken/</c> answers 200 with an HTML error page, anything missing answers 404.
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

    public static async Task<LoopbackFileServer> StartAsync(string root)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new LoopbackFileServer(app, root);
        app.MapGet("/{**path}", (string path) =>
        {
            lock (server.Requested)
            {
                server.Requested.Add(path);
            }

            if (path.StartsWith("broken/", StringComparison.Ordinal))
            {
                return HttpResults.Content("<html><body>Service temporarily unavailable</body></html>", "text/html");
            }

            var file = Path.GetFullPath(Path.Combine(root, path));
            return file.StartsWith(Path.GetFullPath(root), StringComparison.Ordinal) && File.Exists(file)
                ? HttpResults.File(file, "application/octet-stream")
                : HttpResults.NotFound();
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

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
