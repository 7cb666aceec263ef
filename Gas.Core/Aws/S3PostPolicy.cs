using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Gas.Core.Storage;

namespace Gas.Core.Aws;

/// <summary>
/// A browser-based upload form for S3, built as AWS documents it: a POST policy (bucket, key prefix, size range,
/// redirect, credential, date) base64-encoded and signed with Signature Version 4.
/// </summary>
public static class S3PostPolicy
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The form for <paramref name="policy"/>, posted to <paramref name="bucketUrl"/>, signed at <paramref name="now"/>.</summary>
    public static PresignedPost Create(UploadPolicy policy, Uri bucketUrl, ImmutableCredentials credentials, string region, DateTimeOffset now)
    {
        var date = now.UtcDateTime;
        var shortDate = date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var amzDate = date.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var credential = $"{credentials.AccessKey}/{shortDate}/{region}/s3/aws4_request";

        var conditions = new JsonArray
        {
            new JsonObject { ["bucket"] = policy.Bucket },
            new JsonArray("starts-with", "$key", policy.KeyPrefix),
            new JsonArray("content-length-range", 0, policy.MaxBytes),
            policy.SuccessRedirectPrefix is { } prefix
                ? new JsonArray("starts-with", "$success_action_redirect", prefix)
                : new JsonObject { ["success_action_redirect"] = policy.SuccessRedirectUrl },
            new JsonObject { ["x-amz-algorithm"] = Algorithm },
            new JsonObject { ["x-amz-credential"] = credential },
            new JsonObject { ["x-amz-date"] = amzDate },
        };
        if (credentials.UseToken)
        {
            conditions.Add(new JsonObject { ["x-amz-security-token"] = credentials.Token });
        }

        var document = new JsonObject
        {
            ["expiration"] = date.Add(policy.Lifetime).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["conditions"] = conditions,
        };
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(document.ToJsonString(new JsonSerializerOptions { WriteIndented = false })));

        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["key"] = policy.KeyPrefix + "${filename}",
            ["success_action_redirect"] = policy.SuccessRedirectUrl,
            ["x-amz-algorithm"] = Algorithm,
            ["x-amz-credential"] = credential,
            ["x-amz-date"] = amzDate,
        };
        if (credentials.UseToken)
        {
            fields["x-amz-security-token"] = credentials.Token;
        }

        fields["policy"] = encoded;
        fields["x-amz-signature"] = Sign(encoded, credentials.SecretKey, shortDate, region, "s3");
        return new PresignedPost(bucketUrl, fields);
    }

    /// <summary>SigV4 over a string to sign (for a POST policy, the base64 policy itself); lowercase hex.</summary>
    public static string Sign(string stringToSign, string secretKey, string shortDate, string region, string service) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(SigningKey(secretKey, shortDate, region, service), Encoding.UTF8.GetBytes(stringToSign)));

    /// <summary>SigV4's derived key: HMAC chain over date, region, service and "aws4_request".</summary>
    public static byte[] SigningKey(string secretKey, string shortDate, string region, string service)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretKey), Encoding.UTF8.GetBytes(shortDate));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        return HMACSHA256.HashData(key, "aws4_request"u8.ToArray());
    }
}
