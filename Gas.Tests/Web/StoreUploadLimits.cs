using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Gas.RazorPages.EmbeddedStore;
using Gas.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Web;

/// <summary>
/// What an anonymous POST to the embedded store can make the server read: the fields before the file are capped and the
/// policy is verified before any file byte is taken. Served by real Kestrel on loopback; the bytes the app pulls from the
/// request body are counted by a wrapper around it. (After the refusal Kestrel itself discards what the client still
/// sends, for up to 5 s, to keep the connection usable: that costs no memory, so it is not counted.)
/// </summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class StoreUploadLimits
{
    private const long FourHundredMiB = 400L << 20;

    private static GasAppFactory _factory = null!;
    private static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app = null!;
    private static Uri _address = null!;
    private static readonly BodyReadCounter Counter = new();

    [ClassInitialize]
    public static void Start(TestContext _)
    {
        var port = FreeLoopbackPort();
        _address = new Uri($"http://127.0.0.1:{port}/");
        _factory = new GasAppFactory(new Dictionary<string, string?> { ["Gas:Util:PublicBaseUrl"] = _address.ToString() });
        _app = _factory.WithWebHostBuilder(builder =>
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new CountingStartupFilter(Counter))));
        _app.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        _app.StartServer();
    }

    [ClassCleanup]
    public static void Stop()
    {
        _app.Dispose();
        _factory.Dispose();
    }

    [TestMethod]
    public async Task AnAnonymous400MiBFieldIsRefusedAfterAFewKilobytes()
    {
        using var content = Multipart(("junk", new GeneratedStream(FourHundredMiB)));
        var (status, body) = await PostAsync(content);

        Assert.AreEqual(HttpStatusCode.BadRequest, status, body);
        StringAssert.Contains(body, "MaxPostPreDataLengthExceeded");
        var read = Counter.ReadFor("/_store/gas-inputs");
        Assert.IsLessThanOrEqualTo(BrowserUploadEndpoint.FieldsBudget + 64 * 1024, read, $"the app read {read} bytes of a 400 MiB field");
    }

    [TestMethod]
    public async Task AFileBehindAForgedPolicyIsRefusedBeforeItIsRead()
    {
        using var content = Multipart(
            ("key", Text("user/job~${filename}")),
            ("policy", Text(Convert.ToBase64String("{\"Bucket\":\"gas-inputs\",\"KeyPrefix\":\"user/\",\"MaxBytes\":999999999999}"u8.ToArray()))),
            ("signature", Text(new string('0', 64))),
            ("file", new GeneratedStream(FourHundredMiB)));
        var (status, body) = await PostAsync(content);

        Assert.AreEqual(HttpStatusCode.Forbidden, status, body);
        Assert.IsLessThanOrEqualTo(BrowserUploadEndpoint.FieldsBudget + 64 * 1024, Counter.ReadFor("/_store/gas-inputs"));
    }

    [TestMethod]
    public async Task AFileWithoutAnyPolicyIsRefused()
    {
        using var content = Multipart(("file", new GeneratedStream(1 << 20)));
        var (status, body) = await PostAsync(content);

        Assert.AreEqual(HttpStatusCode.Forbidden, status, body);
        StringAssert.Contains(body, "Invalid or missing policy signature");
    }

    [TestMethod]
    public async Task MoreFieldsThanAFormHasAreRefused()
    {
        var fields = Enumerable.Range(0, BrowserUploadEndpoint.MaxFields + 1).Select(i => ($"f{i}", (Stream)Text("x"))).ToArray();
        using var content = Multipart(fields);
        var (status, body) = await PostAsync(content);

        Assert.AreEqual(HttpStatusCode.BadRequest, status, body);
        StringAssert.Contains(body, "at most");
    }

    /// <summary>
    /// Posts over a raw connection and reads the answer while the body is still being sent. The server answers a refused
    /// upload before the body ends, drains the rest for up to 5 s and then resets the connection: a client that reads only
    /// after sending everything (HttpClient does) loses the answer whenever 400 MiB take longer than that, as on a busy machine.
    /// </summary>
    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpContent content)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _address.Port);
        var connection = tcp.GetStream();
        using var stop = new CancellationTokenSource();
        var sending = SendChunkedAsync(connection, content, stop.Token);
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            return await RawHttpResponse.ReadAsync(connection, patience.Token);
        }
        catch (OperationCanceledException) when (patience.IsCancellationRequested)
        {
            throw new AssertFailedException("No answer from the store endpoint within 5 minutes of starting the upload.");
        }
        finally
        {
            await stop.CancelAsync();
            tcp.Close();
            await sending;
        }
    }

    private static async Task SendChunkedAsync(Stream connection, HttpContent content, CancellationToken ct)
    {
        try
        {
            await connection.WriteAsync(Encoding.ASCII.GetBytes(
                $"POST /_store/gas-inputs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content.Headers.ContentType}\r\nTransfer-Encoding: chunked\r\n\r\n"), ct);
            await using var body = await content.ReadAsStreamAsync(ct);
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                await connection.WriteAsync(Encoding.ASCII.GetBytes($"{read:x}\r\n"), ct);
                await connection.WriteAsync(buffer.AsMemory(0, read), ct);
                await connection.WriteAsync("\r\n"u8.ToArray(), ct);
            }

            await connection.WriteAsync("0\r\n\r\n"u8.ToArray(), ct);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the server stopped taking the body: its answer, read alongside, is what the test judges
        }
    }

    private static MemoryStream Text(string value) => new(Encoding.UTF8.GetBytes(value));

    /// <summary>A multipart body written by hand, so a field can be a generated stream of any length (never held in memory).</summary>
    private static StreamContent Multipart(params (string Name, Stream Value)[] parts)
    {
        const string boundary = "gas-test-boundary";
        var streams = new List<Stream>();
        foreach (var (name, value) in parts)
        {
            var file = name == "file" ? "; filename=\"big.vcf\"" : "";
            streams.Add(Text($"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"{file}\r\n\r\n"));
            streams.Add(value);
            streams.Add(Text("\r\n"));
        }

        streams.Add(Text($"--{boundary}--\r\n"));
        var content = new StreamContent(new ConcatenatedStream(streams));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        return content;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Bytes of a given length, made as they are read, counting how many were asked for.</summary>
    private sealed class GeneratedStream(long length) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - BytesRead);
            buffer.AsSpan(offset, n).Fill((byte)'a');
            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Streams read one after another.</summary>
    private sealed class ConcatenatedStream(IEnumerable<Stream> parts) : Stream
    {
        private readonly Queue<Stream> _parts = new(parts);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            while (_parts.Count > 0)
            {
                var read = _parts.Peek().Read(buffer, offset, count);
                if (read > 0)
                {
                    return read;
                }

                _parts.Dequeue().Dispose();
            }

            return 0;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>How many bytes the app pulled from each path's request bodies.</summary>
internal sealed class BodyReadCounter
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _read = new(StringComparer.Ordinal);

    public long ReadFor(string path) => _read.GetValueOrDefault(path);

    public void Add(string path, long bytes) => _read.AddOrUpdate(path, bytes, (_, total) => total + bytes);
}

/// <summary>Wraps every request body, before the app's own middleware, to count what the app reads from it.</summary>
internal sealed class CountingStartupFilter(BodyReadCounter counter) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Request.Body = new CountingStream(context.Request.Body, bytes => counter.Add(context.Request.Path.Value ?? "", bytes));
            return nextMiddleware(context);
        });
        next(app);
    };

    private sealed class CountingStream(Stream inner, Action<long> onRead) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Counted(int read)
        {
            onRead(read);
            return read;
        }
    }
}
