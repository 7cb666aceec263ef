namespace Gas.Core.Storage;

/// <summary>Buckets of objects: inputs, results and logs.</summary>
public interface IObjectStore
{
    Task PutAsync(string bucket, string key, Stream content, string contentType, CancellationToken ct = default);

    /// <summary>
    /// Stores a local file by taking it over: stored or not, the file is gone from <paramref name="path"/> afterwards. Readers
    /// see the old object or the whole new one, never part of it. Spares a copy when the store is on the same disk.
    /// </summary>
    Task PutFileAsync(string bucket, string key, string path, string contentType, CancellationToken ct = default);

    /// <summary>Opens an object for reading; throws <see cref="ObjectNotFoundException"/> when absent.</summary>
    Task<Stream> OpenReadAsync(string bucket, string key, CancellationToken ct = default);

    /// <summary>Size and tag of an object, or null when absent.</summary>
    Task<StoredObject?> HeadAsync(string bucket, string key, CancellationToken ct = default);

    /// <summary>Deletes an object; deleting an absent one is not an error.</summary>
    Task DeleteAsync(string bucket, string key, CancellationToken ct = default);

    /// <summary>A form a browser posts a file to directly; the store itself enforces its policy.</summary>
    Task<PresignedPost> CreateUploadFormAsync(UploadPolicy policy, CancellationToken ct = default);

    /// <summary>
    /// Marks a browser upload as taken by a job, so the expiry of unclaimed uploads (<see cref="UnclaimedUploads"/>) leaves
    /// it alone. Claiming twice, or an object that did not come through an upload form, is harmless.
    /// </summary>
    Task ClaimUploadAsync(string bucket, string key, CancellationToken ct = default);

    /// <summary>A short-lived URL that downloads one object under the given file name.</summary>
    Task<Uri> GetDownloadUrlAsync(string bucket, string key, string downloadFileName, TimeSpan lifetime, CancellationToken ct = default);
}

/// <summary>What a stored object is.</summary>
public sealed record StoredObject(string Bucket, string Key, long Size, string ETag);

/// <summary>The rules a browser upload must follow: bucket, key prefix, size range, redirect, expiry.</summary>
public sealed record UploadPolicy(
    string Bucket,
    string KeyPrefix,
    long MaxBytes,
    string SuccessRedirectUrl,
    TimeSpan Lifetime)
{
    /// <summary>
    /// When set, the form may post any redirect starting with this (S3's <c>starts-with</c> condition), so a form field can
    /// choose among redirects of the same page (the upload form's genome build); <see cref="SuccessRedirectUrl"/> is the default.
    /// </summary>
    public string? SuccessRedirectPrefix { get; init; }

    /// <summary>
    /// When set, the form is for a program rather than a browser: its <c>key</c> field is this literal key (no
    /// <c>${filename}</c>; it must start with <see cref="KeyPrefix"/>), and the store answers a stored upload with this
    /// status (S3's <c>success_action_status</c>: 200, 201 with an XML description, or 204) instead of a redirect;
    /// <see cref="SuccessRedirectUrl"/> is then unused.
    /// </summary>
    public ClientUpload? Client { get; init; }

    /// <summary>A form for a program: the exact key, and the status a stored upload is answered with.</summary>
    public static UploadPolicy ForClient(string bucket, string keyPrefix, string fileName, long maxBytes, TimeSpan lifetime, int successStatus = 201) =>
        new(bucket, keyPrefix, maxBytes, "", lifetime) { Client = new ClientUpload(keyPrefix + fileName, successStatus) };

    /// <summary>The success statuses S3 accepts in <c>success_action_status</c>.</summary>
    public static bool IsSuccessStatus(int status) => status is 200 or 201 or 204;

    /// <summary>Whether a posted redirect is one this policy allows.</summary>
    public static bool Allows(string? posted, string redirect, string? prefix) =>
        posted is not null && (prefix is null ? posted == redirect : posted.StartsWith(prefix, StringComparison.Ordinal));
}

/// <summary>The exact key of a program's upload form and the status its store answers with (see <see cref="UploadPolicy.Client"/>).</summary>
public sealed record ClientUpload(string Key, int SuccessStatus);

/// <summary>The URL and hidden fields of a browser upload form (names case-insensitive, as S3 reads them); the file goes last, in field "file".</summary>
public sealed record PresignedPost(Uri Url, IReadOnlyDictionary<string, string> Fields);

/// <summary>Raised when an object does not exist.</summary>
public sealed class ObjectNotFoundException(string bucket, string key)
    : FileNotFoundException($"Object {bucket}/{key} does not exist.")
{
    public string Bucket { get; } = bucket;
    public string Key { get; } = key;
}
