using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Gas.Core.Storage;

namespace Gas.Core.Aws;

/// <summary>
/// The object store on S3: plain object calls, the SDK's presigned POST for browser uploads (tagged pending until a job
/// claims them, so the bucket's lifecycle rule expires orphans), presigned GETs for downloads.
/// </summary>
public sealed class S3ObjectStore(IAmazonS3 s3, AwsClients clients, TimeProvider time) : IObjectStore
{
    public async Task PutAsync(string bucket, string key, Stream content, string contentType, CancellationToken ct = default)
    {
        await using var seekable = await S3Streams.SeekableAsync(content, ct);
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = seekable.Stream,
            AutoCloseStream = false,
            ContentType = contentType,
        }, ct);
    }

    public async Task PutFileAsync(string bucket, string key, string path, string contentType, CancellationToken ct = default)
    {
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket,
                Key = key,
                InputStream = file,
                AutoCloseStream = false,
                ContentType = contentType,
            }, ct);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public async Task<Stream> OpenReadAsync(string bucket, string key, CancellationToken ct = default)
    {
        try
        {
            var response = await s3.GetObjectAsync(bucket, key, ct);
            return new ResponseOwningStream(response);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ObjectNotFoundException(bucket, key);
        }
    }

    public async Task<StoredObject?> HeadAsync(string bucket, string key, CancellationToken ct = default)
    {
        try
        {
            var response = await s3.GetObjectMetadataAsync(bucket, key, ct);
            return new StoredObject(bucket, key, response.ContentLength, (response.ETag ?? "").Trim('"'));
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string bucket, string key, CancellationToken ct = default) =>
        await s3.DeleteObjectAsync(bucket, key, ct);

    /// <summary>Copies an object inside S3 (no bytes through this process).</summary>
    public async Task CopyAsync(string sourceBucket, string sourceKey, string targetBucket, string targetKey, CancellationToken ct = default)
    {
        try
        {
            await s3.CopyObjectAsync(sourceBucket, sourceKey, targetBucket, targetKey, ct);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ObjectNotFoundException(sourceBucket, sourceKey);
        }
    }

    /// <summary>
    /// A form S3 itself enforces: bucket, key prefix (from the <c>${filename}</c> key), content-length-range, redirect and,
    /// with <see cref="Configuration.AwsOptions.TagUploads"/>, the pending tag. S3 cannot make a policy single-use; the
    /// key's fresh job id and the short lifetime keep a replay to the owner's own new key.
    /// </summary>
    public async Task<PresignedPost> CreateUploadFormAsync(UploadPolicy policy, CancellationToken ct = default)
    {
        var request = new CreatePresignedPostRequest
        {
            BucketName = policy.Bucket,
            Key = policy.Client?.Key ?? policy.KeyPrefix + "${filename}",
            Expires = time.GetUtcNow().Add(policy.Lifetime).UtcDateTime,
        };
        request.Conditions.Add(S3PostCondition.ContentLengthRange(0, policy.MaxBytes));
        // The SDK turns every field into an exact-match condition of the policy; a redirect prefix is a starts-with one instead,
        // so the form may choose among the redirects under it (the upload form's genome build). A program's form has no
        // redirect at all: S3 answers it with the success status.
        if (policy.Client is { } client)
        {
            request.Fields["success_action_status"] = client.SuccessStatus.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (policy.SuccessRedirectPrefix is { } redirectPrefix)
        {
            request.Conditions.Add(S3PostCondition.StartsWith("success_action_redirect", redirectPrefix));
        }
        else
        {
            request.Fields["success_action_redirect"] = policy.SuccessRedirectUrl;
        }

        if (clients.Options.TagUploads)
        {
            request.Fields["tagging"] = UnclaimedUploads.PendingTagging;
        }

        var response = await s3.CreatePresignedPostAsync(request);
        var fields = new Dictionary<string, string>(response.Fields, StringComparer.OrdinalIgnoreCase);
        if (policy.Client is null)
        {
            fields["success_action_redirect"] = policy.SuccessRedirectUrl;   // the default; bound by the condition above either way
        }

        return new PresignedPost(new Uri(response.Url), fields);
    }

    /// <summary>Replaces the upload's pending tag, so the lifecycle rule for unclaimed uploads no longer matches it.</summary>
    public async Task ClaimUploadAsync(string bucket, string key, CancellationToken ct = default)
    {
        if (!clients.Options.TagUploads)
        {
            return;
        }

        try
        {
            await s3.PutObjectTaggingAsync(new PutObjectTaggingRequest
            {
                BucketName = bucket,
                Key = key,
                Tagging = new Tagging { TagSet = [new Tag { Key = UnclaimedUploads.TagKey, Value = UnclaimedUploads.ClaimedTag }] },
            }, ct);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // Nothing to claim, as in the embedded store.
        }
    }

    public async Task<Uri> GetDownloadUrlAsync(string bucket, string key, string downloadFileName, TimeSpan lifetime, CancellationToken ct = default)
    {
        var request = new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = time.GetUtcNow().Add(lifetime).UtcDateTime,
            ResponseHeaderOverrides = { ContentDisposition = ContentDisposition(downloadFileName) },
        };
        if (clients.S3Endpoint is { Scheme: "http" })
        {
            // Otherwise the SDK writes an https URL even for a plain-http emulator.
            request.Protocol = Protocol.HTTP;
        }

        return new Uri(await s3.GetPreSignedURLAsync(request));
    }

    /// <summary>An attachment disposition with an ASCII fallback name and the RFC 5987 UTF-8 one.</summary>
    internal static string ContentDisposition(string fileName)
    {
        var ascii = new string(fileName.Select(c => c is >= ' ' and < (char)127 and not '"' and not '\\' ? c : '_').ToArray());
        return $"attachment; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }
}

/// <summary>The response body; disposing it also releases the HTTP response.</summary>
internal sealed class ResponseOwningStream(GetObjectResponse response) : Stream
{
    private readonly Stream _inner = response.ResponseStream;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => response.ContentLength;
    public override long Position { get => _inner.Position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            response.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>PutObject needs a length up front; a stream without one is spooled to a temporary file first.</summary>
internal static class S3Streams
{
    public static async Task<Seekable> SeekableAsync(Stream content, CancellationToken ct)
    {
        if (content.CanSeek)
        {
            return new Seekable(content, null);
        }

        var temp = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await content.CopyToAsync(temp, ct);
        temp.Position = 0;
        return new Seekable(temp, temp);
    }

    public sealed record Seekable(Stream Stream, Stream? Owned) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Owned?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
