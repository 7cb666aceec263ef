using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.S3;

namespace Gas.Tests.Contracts;

/// <summary>
/// S3's archive behaviour, which no emulator here models, answered the way S3 documents it: objects PUT with
/// <c>x-amz-storage-class: GLACIER</c> cannot be read until a RestoreObject (POST ?restore) finishes; RestoreObject answers
/// 202 (started), 409 <c>RestoreAlreadyInProgress</c>, 200 (already restored), 503 <c>GlacierExpeditedRetrievalNotAvailable</c>
/// or 403 <c>InvalidObjectState</c>; HEAD carries <c>x-amz-restore</c>. A restore takes <see cref="RestoreDuration"/> on the clock.
/// Every request is recorded for tests of the exact calls.
/// </summary>
internal sealed class GlacierS3Simulator(TimeProvider time, bool refuseExpedited = false) : HttpMessageHandler
{
    public static readonly Uri Endpoint = new("http://s3.simulated.test/");

    private readonly ConcurrentDictionary<string, StoredObject> _objects = new(StringComparer.Ordinal);

    public TimeSpan RestoreDuration { get; set; } = TimeSpan.FromMinutes(5);

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>An S3 client whose HTTP goes to this simulator.</summary>
    public IAmazonS3 CreateClient() => new AmazonS3Client(AdapterFamily.EmulatorCredentials, new AmazonS3Config
    {
        ServiceURL = Endpoint.ToString(),
        AuthenticationRegion = AdapterFamily.Region,
        ForcePathStyle = true,
        HttpClientFactory = new Factory(this),
        MaxErrorRetry = 0,
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(",", h.Value), StringComparer.Ordinal);
        var path = Uri.UnescapeDataString(request.RequestUri!.AbsolutePath.TrimStart('/'));
        var query = request.RequestUri.Query.TrimStart('?');
        if (headers.GetValueOrDefault("x-amz-content-sha256", "").StartsWith("STREAMING-", StringComparison.Ordinal))
        {
            body = DecodeAwsChunked(body);
        }

        Requests.Enqueue(new RecordedRequest(request.Method.Method, path, query, headers, body));

        var now = time.GetUtcNow();
        _objects.TryGetValue(path, out var stored);
        switch (request.Method.Method)
        {
            case "PUT":
#pragma warning disable CA5351 // S3's ETag is the MD5 of a simple upload, and the SDK checks it on GET
                var md5 = Convert.ToHexStringLower(MD5.HashData(body));
#pragma warning restore CA5351
                _objects[path] = new StoredObject(body, headers.GetValueOrDefault("x-amz-storage-class") ?? "STANDARD", md5, null, null);
                return Respond(HttpStatusCode.OK, headers: [("ETag", $"\"{md5}\"")]);

            case "HEAD":
                if (stored is null)
                {
                    return Respond(HttpStatusCode.NotFound);
                }

                var head = Respond(HttpStatusCode.OK, headers: [("ETag", $"\"{stored.ETag}\""), ("Last-Modified", now.ToString("R", CultureInfo.InvariantCulture))]);
                head.Content = new ByteArrayContent([]);
                head.Content.Headers.ContentLength = stored.Data.Length;
                if (stored.StorageClass != "STANDARD")
                {
                    head.Headers.Add("x-amz-storage-class", stored.StorageClass);
                }

                if (stored.RestoreReadyAt is { } readyAt)
                {
                    head.Headers.Add("x-amz-restore", now < readyAt
                        ? "ongoing-request=\"true\""
                        : $"ongoing-request=\"false\", expiry-date=\"{readyAt.AddDays(1):R}\"");
                }

                return head;

            case "POST" when query.StartsWith("restore", StringComparison.Ordinal):
                if (stored is null)
                {
                    return Error(HttpStatusCode.NotFound, "NoSuchKey", "The specified key does not exist.");
                }

                if (stored.StorageClass is not ("GLACIER" or "DEEP_ARCHIVE"))
                {
                    return Error(HttpStatusCode.Forbidden, "InvalidObjectState", "Restore is not allowed for the object's current storage class");
                }

                if (stored.RestoreReadyAt is { } ready)
                {
                    return now < ready
                        ? Error(HttpStatusCode.Conflict, "RestoreAlreadyInProgress", "Object restore is already in progress")
                        : Respond(HttpStatusCode.OK);
                }

                var tier = XDocument.Parse(System.Text.Encoding.UTF8.GetString(body)).Descendants().FirstOrDefault(e => e.Name.LocalName == "Tier")?.Value;
                if (tier == "Expedited" && refuseExpedited)
                {
                    return Error(HttpStatusCode.ServiceUnavailable, "GlacierExpeditedRetrievalNotAvailable",
                        "Glacier expedited retrievals are currently not available, please try again later");
                }

                _objects[path] = stored with { RestoreReadyAt = now + RestoreDuration, Tier = tier };
                return Respond(HttpStatusCode.Accepted);

            case "GET":
                if (stored is null)
                {
                    return Error(HttpStatusCode.NotFound, "NoSuchKey", "The specified key does not exist.");
                }

                if (stored.StorageClass != "STANDARD" && !(stored.RestoreReadyAt is { } at && now >= at))
                {
                    return Error(HttpStatusCode.Forbidden, "InvalidObjectState", "The operation is not valid for the object's storage class");
                }

                var get = Respond(HttpStatusCode.OK, headers: [("ETag", $"\"{stored.ETag}\"")]);
                get.Content = new ByteArrayContent(stored.Data);
                return get;

            case "DELETE":
                _objects.TryRemove(path, out _);
                return Respond(HttpStatusCode.NoContent);

            default:
                return Error(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", "The specified method is not allowed against this resource.");
        }
    }

    /// <summary>Undoes SigV4 streaming (aws-chunked) framing: <c>hex-size;chunk-signature=…\r\n data \r\n</c>, ending with a zero-size chunk.</summary>
    private static byte[] DecodeAwsChunked(byte[] framed)
    {
        using var data = new MemoryStream();
        var position = 0;
        while (position < framed.Length)
        {
            var lineEnd = Array.IndexOf(framed, (byte)'\n', position);
            var header = System.Text.Encoding.ASCII.GetString(framed, position, lineEnd - position).TrimEnd('\r');
            var size = Convert.ToInt32(header.Split(';')[0], 16);
            if (size == 0)
            {
                break;
            }

            data.Write(framed, lineEnd + 1, size);
            position = lineEnd + 1 + size + 2;
        }

        return data.ToArray();
    }

    private static HttpResponseMessage Respond(HttpStatusCode status, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent([]) };
        response.Headers.Add("x-amz-request-id", "SIMULATED");
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    /// <summary>An error as S3 sends it: an XML body with Code and Message.</summary>
    private static HttpResponseMessage Error(HttpStatusCode status, string code, string message)
    {
        var response = Respond(status);
        response.Content = new StringContent(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message><RequestId>SIMULATED</RequestId><HostId>SIMULATED</HostId></Error>",
            System.Text.Encoding.UTF8, "application/xml");
        return response;
    }

    internal sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body);

    private sealed record StoredObject(byte[] Data, string StorageClass, string ETag, DateTimeOffset? RestoreReadyAt, string? Tier);

    private sealed class Factory(HttpMessageHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
    }
}
