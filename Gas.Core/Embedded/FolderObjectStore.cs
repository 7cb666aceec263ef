using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gas.Core.Configuration;
using Gas.Core.Storage;
using Microsoft.Extensions.Options;

namespace Gas.Core.Embedded;

/// <summary>
/// Buckets as folders under the data directory. Downloads and browser uploads go through the app's
/// <c>/_store</c> endpoints, authorised by HMAC-signed, expiring URLs and policies, as S3 authorises presigned requests.
/// </summary>
public sealed class FolderObjectStore(IOptions<EmbeddedOptions> options, UrlSigner signer, TimeProvider time) : IObjectStore
{
    public const string RoutePrefix = "/_store";

    private readonly string _root = Path.GetFullPath(Path.Combine(options.Value.DataDirectory, "objects"));

    public async Task PutAsync(string bucket, string key, Stream content, string contentType, CancellationToken ct = default)
    {
        var path = PathOf(bucket, key);
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".part";
        await using (var file = File.Create(temp))
        {
            await content.CopyToAsync(file, ct);
        }

        File.Move(temp, path, overwrite: true);
    }

    public Task<Stream> OpenReadAsync(string bucket, string key, CancellationToken ct = default)
    {
        var path = PathOf(bucket, key);
        if (!File.Exists(path))
        {
            throw new ObjectNotFoundException(bucket, key);
        }

        return Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, useAsync: true));
    }

    public async Task<StoredObject?> HeadAsync(string bucket, string key, CancellationToken ct = default)
    {
        var path = PathOf(bucket, key);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var file = File.OpenRead(path);
#pragma warning disable CA5351 // an ETag like S3's, an integrity tag and not a security measure
        var md5 = await MD5.HashDataAsync(file, ct);
#pragma warning restore CA5351
        return new StoredObject(bucket, key, file.Length, Convert.ToHexStringLower(md5));
    }

    public Task DeleteAsync(string bucket, string key, CancellationToken ct = default)
    {
        File.Delete(PathOf(bucket, key));
        return Task.CompletedTask;
    }

    public Task<PresignedPost> CreateUploadFormAsync(UploadPolicy policy, CancellationToken ct = default)
    {
        var document = new UploadPolicyDocument(
            policy.Bucket, policy.KeyPrefix, policy.MaxBytes, policy.SuccessRedirectUrl,
            time.GetUtcNow().Add(policy.Lifetime).ToUnixTimeSeconds());
        var encoded = Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(document));
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["key"] = policy.KeyPrefix + "${filename}",
            ["success_action_redirect"] = policy.SuccessRedirectUrl,
            ["policy"] = encoded,
            ["signature"] = signer.Sign(encoded),
        };
        var url = new Uri($"{RoutePrefix}/{Uri.EscapeDataString(policy.Bucket)}", UriKind.Relative);
        return Task.FromResult(new PresignedPost(url, fields));
    }

    public Task<Uri> GetDownloadUrlAsync(string bucket, string key, string downloadFileName, TimeSpan lifetime, CancellationToken ct = default)
    {
        var expires = time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        var signature = signer.Sign(DownloadPayload(bucket, key, expires, downloadFileName));
        var path = string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
        var url = string.Create(CultureInfo.InvariantCulture,
            $"{RoutePrefix}/{Uri.EscapeDataString(bucket)}/{path}?expires={expires}&filename={Uri.EscapeDataString(downloadFileName)}&signature={signature}");
        return Task.FromResult(new Uri(url, UriKind.Relative));
    }

    internal static string DownloadPayload(string bucket, string key, long expires, string fileName) =>
        string.Create(CultureInfo.InvariantCulture, $"GET\n{bucket}\n{key}\n{expires}\n{fileName}");

    /// <summary>The file behind a bucket and key; rejects keys that would escape the bucket's folder.</summary>
    internal string PathOf(string bucket, string key)
    {
        if (!IsSafeName(bucket) || bucket.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Invalid bucket name '{bucket}'.", nameof(bucket));
        }

        if (string.IsNullOrEmpty(key) || key.StartsWith('/') || !IsSafeName(key)
            || key.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw new ArgumentException($"Invalid object key '{key}'.", nameof(key));
        }

        var bucketRoot = Path.Combine(_root, bucket);
        var path = Path.GetFullPath(Path.Combine(bucketRoot, key));
        if (!path.StartsWith(bucketRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Invalid object key '{key}'.", nameof(key));
        }

        return path;
    }

    private static bool IsSafeName(string name) =>
        name.Length is > 0 and <= 1024 && !name.Any(c => char.IsControl(c) || c == '\\');
}

/// <summary>What a signed upload policy allows; serialized into the form's <c>policy</c> field.</summary>
internal sealed record UploadPolicyDocument(string Bucket, string KeyPrefix, long MaxBytes, string SuccessRedirect, long Expires)
{
    public static UploadPolicyDocument? Decode(string encoded)
    {
        try
        {
            return JsonSerializer.Deserialize<UploadPolicyDocument>(Encoding.UTF8.GetString(Convert.FromBase64String(encoded)));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
