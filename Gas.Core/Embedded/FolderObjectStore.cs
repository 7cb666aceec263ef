using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Gas.Core.Configuration;
using Gas.Core.Storage;
using Microsoft.Extensions.Options;

namespace Gas.Core.Embedded;

/// <summary>
/// Buckets as folders under the data directory. Downloads and browser uploads go through the web project's
/// <c>/_store</c> endpoints, authorised by HMAC-signed, expiring URLs and single-use policies, as S3 authorises presigned
/// requests; <see cref="BrowserUploads"/> holds the upload rules.
/// </summary>
public sealed class FolderObjectStore(IOptions<EmbeddedOptions> options, UrlSigner signer, UploadLedger ledger, TimeProvider time) : IObjectStore
{
    public const string RoutePrefix = "/_store";

    /// <summary>The folder holding every bucket: the disk that fills up when uploads do.</summary>
    public string Root { get; } = Path.GetFullPath(Path.Combine(options.Value.DataDirectory, "objects"));

    /// <summary>Where writes in progress live (no bucket name starts with a dot), on the same disk so the final move is a rename.</summary>
    private string PartialFolder => Path.Combine(Root, ".partial");

    public async Task PutAsync(string bucket, string key, Stream content, string contentType, CancellationToken ct = default)
    {
        var path = PathOf(bucket, key);
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = NewTempPath();
        try
        {
            await using (var file = File.Create(temp))
            {
                await content.CopyToAsync(file, ct);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            // A failed write (disk full, cancelled) must not leave its partial file holding the space.
            File.Delete(temp);
        }
    }

    public Task PutFileAsync(string bucket, string key, string path, string contentType, CancellationToken ct = default)
    {
        try
        {
            ct.ThrowIfCancellationRequested();
            var target = PathOf(bucket, key);
            PrivateFiles.CreateDirectory(Path.GetDirectoryName(target)!);
            var temp = NewTempPath();
            try
            {
                // A rename when the file is on the store's disk; from another disk File.Move copies, into the partial
                // folder where no reader looks, so the rename into place stays atomic either way.
                File.Move(path, temp);
                File.Move(temp, target, overwrite: true);
            }
            finally
            {
                File.Delete(temp);
            }
        }
        finally
        {
            File.Delete(path);
        }

        return Task.CompletedTask;
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
            time.GetUtcNow().Add(policy.Lifetime).ToUnixTimeSeconds(), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)))
        {
            SuccessRedirectPrefix = policy.SuccessRedirectPrefix,
            Key = policy.Client?.Key,
            SuccessActionStatus = policy.Client?.SuccessStatus,
        };
        var encoded = Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(document));
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["key"] = policy.Client?.Key ?? policy.KeyPrefix + "${filename}",
            ["policy"] = encoded,
            ["signature"] = signer.Sign(encoded),
        };
        if (policy.Client is { } client)
        {
            fields["success_action_status"] = client.SuccessStatus.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            fields["success_action_redirect"] = policy.SuccessRedirectUrl;
        }
        var url = new Uri($"{RoutePrefix}/{Uri.EscapeDataString(policy.Bucket)}", UriKind.Relative);
        return Task.FromResult(new PresignedPost(url, fields));
    }

    public Task ClaimUploadAsync(string bucket, string key, CancellationToken ct = default)
    {
        ledger.Claim(bucket, key, time.GetUtcNow().ToUnixTimeSeconds());
        return Task.CompletedTask;
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

    /// <summary>Why a presigned download must be refused, or null when its signature and expiry hold.</summary>
    public StoreRefusal? CheckDownload(string bucket, string key, long expires, string fileName, string? signature)
    {
        if (!signer.Verify(DownloadPayload(bucket, key, expires, fileName), signature))
        {
            return new StoreRefusal(HttpStatusCode.Forbidden, "SignatureDoesNotMatch", "The request signature is not valid.");
        }

        return time.GetUtcNow().ToUnixTimeSeconds() > expires
            ? new StoreRefusal(HttpStatusCode.Forbidden, "AccessDenied", "Request has expired.")
            : null;
    }

    /// <summary>
    /// Streams a new object in, never replacing one: the upload is kept only when it fits <paramref name="maxBytes"/> and the
    /// key is still free. The partial file is removed whatever happens.
    /// </summary>
    internal async Task<NewObjectWrite> WriteNewAsync(string path, Stream source, long maxBytes, CancellationToken ct)
    {
        if (File.Exists(path))
        {
            return NewObjectWrite.KeyTaken;
        }

        PrivateFiles.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = NewTempPath();
        try
        {
            long total = 0;
            await using (var file = File.Create(temp))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await source.ReadAsync(buffer, ct)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        return NewObjectWrite.TooLarge;
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }

            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                return NewObjectWrite.KeyTaken;
            }

            return NewObjectWrite.Stored;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Partial files older than <paramref name="before"/>: left by a process that stopped mid-write.</summary>
    internal IEnumerable<string> StalePartialFiles(DateTimeOffset before) =>
        Directory.Exists(PartialFolder)
            ? Directory.EnumerateFiles(PartialFolder).Where(path => File.GetLastWriteTimeUtc(path) < before.UtcDateTime)
            : [];

    /// <summary>Partial files being written now (or left behind); empty when every write cleaned up after itself.</summary>
    public IReadOnlyList<string> PartialFiles() => Directory.Exists(PartialFolder) ? Directory.GetFiles(PartialFolder) : [];

    internal static string DownloadPayload(string bucket, string key, long expires, string fileName) =>
        string.Create(CultureInfo.InvariantCulture, $"GET\n{bucket}\n{key}\n{expires}\n{fileName}");

    private string NewTempPath()
    {
        PrivateFiles.CreateDirectory(PartialFolder);
        return Path.Combine(PartialFolder, Guid.NewGuid().ToString("N") + ".part");
    }

    /// <summary>The file behind a bucket and key; rejects keys that would escape the bucket's folder.</summary>
    internal string PathOf(string bucket, string key)
    {
        if (!IsSafeName(bucket) || bucket.Contains('/', StringComparison.Ordinal) || bucket.StartsWith('.'))
        {
            throw new ArgumentException($"Invalid bucket name '{bucket}'.", nameof(bucket));
        }

        if (string.IsNullOrEmpty(key) || key.StartsWith('/') || !IsSafeName(key)
            || key.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw new ArgumentException($"Invalid object key '{key}'.", nameof(key));
        }

        var bucketRoot = Path.Combine(Root, bucket);
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

/// <summary>How writing a new object through an upload form ended.</summary>
internal enum NewObjectWrite
{
    Stored,
    TooLarge,
    KeyTaken,
}
