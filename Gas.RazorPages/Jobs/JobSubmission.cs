using Gas.Core.Configuration;
using Gas.Core.Jobs;
using Gas.Core.Storage;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Jobs;

/// <summary>An upload form for one new job: where the browser posts and the largest file it may send.</summary>
public sealed record UploadForm(PresignedPost Post, string JobId, long MaxBytes, bool IsFreeUser);

/// <summary>Why a finished upload could not become a job.</summary>
public enum SubmissionError
{
    None,
    NotYourUpload,
    MissingUpload,
    TooLarge,
}

/// <summary>Turns a user's upload into a PENDING job and publishes its request.</summary>
public sealed class JobSubmission(
    IObjectStore objects,
    IJobStore jobs,
    JobIntake intake,
    IOptions<StorageOptions> storage,
    IOptions<RetentionOptions> retention)
{
    /// <summary>
    /// Long enough to pick a file, short enough that a copied form is soon useless (S3 cannot make a form single-use).
    /// The store checks it when the upload starts, so a long upload is not cut off.
    /// </summary>
    public static readonly TimeSpan FormLifetime = TimeSpan.FromMinutes(10);

    /// <summary>A presigned form whose key prefix is the user's and the new job's; Free users get the store-enforced cap.</summary>
    public async Task<UploadForm> CreateFormAsync(string userId, bool isPremium, string redirectUrl, CancellationToken ct)
    {
        var jobId = Guid.NewGuid().ToString();
        var maxBytes = isPremium ? retention.Value.PremiumMaxInputBytes : retention.Value.FreeMaxInputBytes;
        var post = await objects.CreateUploadFormAsync(
            new UploadPolicy(storage.Value.InputsBucket, $"{userId}/{jobId}~", maxBytes, redirectUrl, FormLifetime), ct);
        return new UploadForm(post, jobId, maxBytes, !isPremium);
    }

    /// <summary>Creates the job for an uploaded object; a repeated redirect for the same upload is harmless.</summary>
    public async Task<(SubmissionError Error, string? JobId)> SubmitAsync(string userId, bool isPremium, string bucket, string key, CancellationToken ct)
    {
        var prefix = userId + "/";
        var tilde = key.IndexOf('~', StringComparison.Ordinal);
        if (bucket != storage.Value.InputsBucket || !key.StartsWith(prefix, StringComparison.Ordinal) || tilde <= prefix.Length
            || !Guid.TryParse(key.AsSpan(prefix.Length, tilde - prefix.Length), out var parsed))
        {
            return (SubmissionError.NotYourUpload, null);
        }

        var jobId = parsed.ToString();
        var fileName = key[(tilde + 1)..];
        if (fileName.Length == 0 || fileName.Contains('/', StringComparison.Ordinal))
        {
            return (SubmissionError.NotYourUpload, null);
        }

        var existing = await jobs.GetAsync(jobId, ct);
        if (existing is not null)
        {
            return existing.UserId == userId ? (SubmissionError.None, jobId) : (SubmissionError.NotYourUpload, null);
        }

        var head = await objects.HeadAsync(bucket, key, ct);
        if (head is null)
        {
            return (SubmissionError.MissingUpload, null);
        }

        if (!isPremium && head.Size > retention.Value.FreeMaxInputBytes)
        {
            await objects.DeleteAsync(bucket, key, ct);
            return (SubmissionError.TooLarge, null);
        }

        // Claimed first: an upload a job refers to must never be expired as an orphan.
        await objects.ClaimUploadAsync(bucket, key, ct);
        try
        {
            await intake.SubmitAsync(jobId, userId, isPremium ? UserTier.Premium : UserTier.Free, fileName, bucket, key, ct);
        }
        catch (JobAlreadyExistsException)
        {
            // The same redirect followed twice: the first one made the job.
        }

        return (SubmissionError.None, jobId);
    }
}
