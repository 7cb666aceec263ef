using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Gas.Core.Archive;
using Gas.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Gas.Core.Aws;

/// <summary>
/// Cold storage as an S3 bucket whose objects sit in the GLACIER (Flexible Retrieval) storage class: RestoreObject
/// thaws a temporary copy at a tier, and HeadObject's <c>x-amz-restore</c> says when it is readable.
/// </summary>
public sealed class S3GlacierArchiveStore(IAmazonS3 s3, IOptions<StorageOptions> storage) : IArchiveStore
{
    /// <summary>How long S3 keeps a thawed copy; GAS copies it back to the results bucket straight away.</summary>
    private const int RestoredCopyDays = 1;

    private readonly string _bucket = storage.Value.ArchiveBucket;

    public async Task ArchiveAsync(string archiveId, Stream content, string description, CancellationToken ct = default)
    {
        await using var seekable = await S3Streams.SeekableAsync(content, ct);
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = archiveId,
            InputStream = seekable.Stream,
            AutoCloseStream = false,
            StorageClass = S3StorageClass.Glacier,
            ContentType = "application/octet-stream",
        };
        // Metadata travels in headers, so keep it ASCII.
        request.Metadata["description"] = Uri.EscapeDataString(description);
        await s3.PutObjectAsync(request, ct);
    }

    public async Task<long?> GetSizeAsync(string archiveId, CancellationToken ct = default) =>
        (await HeadAsync(archiveId, ct))?.ContentLength;

    public async Task<RestoreRequestOutcome> RequestRestoreAsync(string archiveId, RestoreTier tier, CancellationToken ct = default)
    {
        try
        {
            var response = await s3.RestoreObjectAsync(new RestoreObjectRequest
            {
                BucketName = _bucket,
                Key = archiveId,
                Days = RestoredCopyDays,
                Tier = tier switch
                {
                    RestoreTier.Expedited => GlacierJobTier.Expedited,
                    RestoreTier.Standard => GlacierJobTier.Standard,
                    _ => GlacierJobTier.Bulk,
                },
            }, ct);
            // 202 Accepted starts a restore; 200 OK means a restored copy already exists (its expiry is extended).
            return response.HttpStatusCode == HttpStatusCode.OK ? RestoreRequestOutcome.AlreadyRestored : RestoreRequestOutcome.Started;
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "RestoreAlreadyInProgress")
        {
            return RestoreRequestOutcome.AlreadyInProgress;
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "GlacierExpeditedRetrievalNotAvailable")
        {
            return RestoreRequestOutcome.TierUnavailable;
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "InvalidObjectState")
        {
            // Not in an archive storage class: the object is readable as it is.
            return RestoreRequestOutcome.AlreadyRestored;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new InvalidOperationException($"Archive {archiveId} does not exist.", e);
        }
    }

    public async Task<RestoreProgress> GetRestoreProgressAsync(string archiveId, CancellationToken ct = default)
    {
        var head = await HeadAsync(archiveId, ct);
        if (head is null)
        {
            return RestoreProgress.Missing;
        }

        if (!IsArchiveClass(head.StorageClass))
        {
            return RestoreProgress.Ready;
        }

        return head.RestoreInProgress switch
        {
            null => RestoreProgress.NotRequested,
            true => RestoreProgress.InProgress,
            false => RestoreProgress.Ready,
        };
    }

    public async Task<Stream> OpenRestoredAsync(string archiveId, CancellationToken ct = default)
    {
        if (await GetRestoreProgressAsync(archiveId, ct) != RestoreProgress.Ready)
        {
            throw new InvalidOperationException($"Archive {archiveId} has not been restored.");
        }

        try
        {
            return new ResponseOwningStream(await s3.GetObjectAsync(_bucket, archiveId, ct));
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "InvalidObjectState")
        {
            throw new InvalidOperationException($"Archive {archiveId} has not been restored.", e);
        }
    }

    public async Task DeleteAsync(string archiveId, CancellationToken ct = default) =>
        await s3.DeleteObjectAsync(_bucket, archiveId, ct);

    private async Task<GetObjectMetadataResponse?> HeadAsync(string archiveId, CancellationToken ct)
    {
        try
        {
            return await s3.GetObjectMetadataAsync(_bucket, archiveId, ct);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static bool IsArchiveClass(S3StorageClass? storageClass) =>
        storageClass == S3StorageClass.Glacier || storageClass == S3StorageClass.DeepArchive;
}
