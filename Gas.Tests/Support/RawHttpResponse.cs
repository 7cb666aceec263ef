using System.Globalization;
using System.Net;
using System.Text;

namespace Gas.Tests.Support;

/// <summary>Reads one HTTP/1.1 response (status, headers, a Content-Length or chunked body) from a raw connection.</summary>
internal static class RawHttpResponse
{
    public static async Task<(HttpStatusCode Status, string Body)> ReadAsync(Stream connection, CancellationToken ct)
    {
        var received = new List<byte>();
        var buffer = new byte[16 * 1024];
        int headerEnd;
        while ((headerEnd = IndexOf(received, "\r\n\r\n"u8)) < 0)
        {
            await ReadMoreAsync(connection, buffer, received, ct);
        }

        var head = Encoding.ASCII.GetString(received.GetRange(0, headerEnd).ToArray()).Split("\r\n");
        var status = (HttpStatusCode)int.Parse(head[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = head.Skip(1).Select(h => h.Split(':', 2)).ToDictionary(h => h[0].Trim(), h => h[1].Trim(), StringComparer.OrdinalIgnoreCase);
        received.RemoveRange(0, headerEnd + 4);
        byte[] body;
        if (headers.TryGetValue("Content-Length", out var length))
        {
            var n = int.Parse(length, CultureInfo.InvariantCulture);
            while (received.Count < n)
            {
                await ReadMoreAsync(connection, buffer, received, ct);
            }

            body = received.GetRange(0, n).ToArray();
        }
        else if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = await ReadChunksAsync(connection, buffer, received, ct);
        }
        else
        {
            while (await connection.ReadAsync(buffer, ct) is var read and > 0)
            {
                received.AddRange(buffer.AsSpan(0, read));
            }

            body = [.. received];
        }

        return (status, Encoding.UTF8.GetString(body));
    }

    private static async Task<byte[]> ReadChunksAsync(Stream connection, byte[] buffer, List<byte> received, CancellationToken ct)
    {
        var body = new List<byte>();
        while (true)
        {
            int lineEnd;
            while ((lineEnd = IndexOf(received, "\r\n"u8)) < 0)
            {
                await ReadMoreAsync(connection, buffer, received, ct);
            }

            var size = int.Parse(Encoding.ASCII.GetString(received.GetRange(0, lineEnd).ToArray()).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            received.RemoveRange(0, lineEnd + 2);
            if (size == 0)
            {
                return [.. body];
            }

            while (received.Count < size + 2)
            {
                await ReadMoreAsync(connection, buffer, received, ct);
            }

            body.AddRange(received.GetRange(0, size));
            received.RemoveRange(0, size + 2);
        }
    }

    private static async Task ReadMoreAsync(Stream connection, byte[] buffer, List<byte> received, CancellationToken ct)
    {
        var read = await connection.ReadAsync(buffer, ct);
        if (read == 0)
        {
            throw new IOException($"The connection closed before the response was complete ({received.Count} bytes pending).");
        }

        received.AddRange(buffer.AsSpan(0, read));
    }

    private static int IndexOf(List<byte> bytes, ReadOnlySpan<byte> pattern) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes).IndexOf(pattern);
}
