using System.Globalization;
using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace Gas.Tests.Contracts;

/// <summary>
/// What S3 does with a presigned (SigV4 query-string) URL before serving it, which fauxqs skips: recompute the signature
/// from the secret key and refuse a mismatch or an expired URL with 403. A URL that passes goes on to the emulator.
/// The signing key and hashes come from AWSSDK.Core's signer; the canonical request is built here, independently of the
/// SDK code that signed the URL.
/// </summary>
internal sealed class PresignedUrlCheck(string secretKey, TimeProvider time) : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Refusal(request.Method.Method, request.RequestUri!) is { } refusal)
        {
            return new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent($"<Error><Code>{refusal}</Code></Error>") };
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private string? Refusal(string method, Uri url)
    {
        var query = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => (Name: Uri.UnescapeDataString(pair[0]), Value: Uri.UnescapeDataString(pair.Length > 1 ? pair[1] : "")))
            .ToList();
        string? Get(string name) => query.FirstOrDefault(p => p.Name == name).Value;
        if (Get("X-Amz-Algorithm") != "AWS4-HMAC-SHA256" || Get("X-Amz-Signature") is not { } signature
            || Get("X-Amz-Date") is not { } stamp || Get("X-Amz-Credential") is not { } credential
            || Get("X-Amz-SignedHeaders") != "host" || Get("X-Amz-Expires") is not { } expires)
        {
            return "AuthorizationQueryParametersError";
        }

        var signedAt = DateTimeOffset.ParseExact(stamp, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        if (time.GetUtcNow() > signedAt.AddSeconds(int.Parse(expires, CultureInfo.InvariantCulture)))
        {
            return "AccessDenied";
        }

        // <access key>/<yyyyMMdd>/<region>/s3/aws4_request
        var scope = credential.Split('/');
        var canonicalQuery = string.Join("&", query.Where(p => p.Name != "X-Amz-Signature")
            .Select(p => (Name: Uri.EscapeDataString(p.Name), Value: Uri.EscapeDataString(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
        var canonicalRequest = string.Join("\n",
            method, url.GetComponents(UriComponents.Path | UriComponents.KeepDelimiter, UriFormat.UriEscaped), canonicalQuery,
            $"host:{url.Authority}", "", "host", "UNSIGNED-PAYLOAD");
        var stringToSign = string.Join("\n", "AWS4-HMAC-SHA256", stamp, string.Join("/", scope[1..]),
            Convert.ToHexStringLower(AWS4Signer.ComputeHash(canonicalRequest)));
        var key = AWS4Signer.ComposeSigningKey(secretKey, scope[2], scope[1], scope[3]);
        var expected = Convert.ToHexStringLower(AWS4Signer.ComputeKeyedHash(SigningAlgorithm.HmacSHA256, key, stringToSign));
        return expected == signature ? null : "SignatureDoesNotMatch";
    }
}
