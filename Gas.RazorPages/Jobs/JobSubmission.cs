using Gas.Core.Configuration;
using Gas.Core.Jobs;
using Gas.Core.Storage;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Jobs;

/// <summary>An upload form for one new job: where the browser posts, the largest file it may send, and the genome builds offered.</summary>
public sealed record UploadForm(PresignedPost Post, string JobId, long MaxBytes, bool IsFreeUser)
{
    /// <summary>The build choices, each the redirect the store follows after the upload (the form posts it as <c>success_action_redirect</c>).</summary>
    public IReadOnlyList<BuildChoice> BuildChoices { get; init; } = [];
}

/// <summary>A program's upload form: where to post, the final key, the largest file, and until when the form works.</summary>
public sealed record ClientUploadForm(PresignedPost Post, string Key, long MaxBytes, DateTimeOffset ExpiresAt);

/// <summary>One genome build the upload form offers; <see cref="Redirect"/> carries it to job creation.</summary>
public sealed record BuildChoice(string Value, string Label, string Redirect);

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
    IOptions<RetentionOptions> retention,
    TimeProvider time)
{
    /// <summary>
    /// Long enough to pick a file, short enough that a copied form is soon useless (S3 cannot make a form single-use).
    /// The store checks it when the upload starts, so a long upload is not cut off.
    /// </summary>
    public static readonly TimeSpan FormLifetime = TimeSpan.FromMinutes(10);

    /// <summary>The upload form's default build choice: the annotator reads the build from the file's header.</summary>
    public const string DetectBuild = "detect";

    /// <summary>The build value a redirect may carry: "detect" (or nothing) means null, GRCh37/GRCh38 themselves; anything else is invalid.</summary>
    public static bool TryParseBuild(string? value, out string? genomeBuild)
    {
        genomeBuild = value switch
        {
            null or "" or DetectBuild => null,
            "GRCh37" or "GRCh38" => value,
            _ => "?",
        };
        return genomeBuild != "?";
    }

    /// <summary>A presigned form whose key prefix is the user's and the new job's; Free users get the store-enforced cap.</summary>
    public async Task<UploadForm> CreateFormAsync(string userId, bool isPremium, string redirectUrl, CancellationToken ct)
    {
        var jobId = Guid.NewGuid().ToString();
        var maxBytes = isPremium ? retention.Value.PremiumMaxInputBytes : retention.Value.FreeMaxInputBytes;
        var prefix = redirectUrl + "?build=";
        var choices = new BuildChoice[]
        {
            new(DetectBuild, "Detect from the file's header", prefix + DetectBuild),
            new("GRCh37", "GRCh37 (hg19)", prefix + "GRCh37"),
            new("GRCh38", "GRCh38 (hg38)", prefix + "GRCh38"),
        };
        var post = await objects.CreateUploadFormAsync(
            new UploadPolicy(storage.Value.InputsBucket, $"{userId}/{jobId}~", maxBytes, choices[0].Redirect, FormLifetime) { SuccessRedirectPrefix = prefix }, ct);
        return new UploadForm(post, jobId, maxBytes, !isPremium) { BuildChoices = choices };
    }

    /// <summary>
    /// A form for a program (the REST API's client) to upload <paramref name="fileName"/>: the same bucket, key prefix, size
    /// cap and lifetime as the page's form, but the key is final and a stored upload is answered 201 instead of a redirect.
    /// </summary>
    public async Task<ClientUploadForm> CreateClientFormAsync(string userId, bool isPremium, string fileName, CancellationToken ct)
    {
        var jobId = Guid.NewGuid().ToString();
        var maxBytes = isPremium ? retention.Value.PremiumMaxInputBytes : retention.Value.FreeMaxInputBytes;
        var expires = time.GetUtcNow().Add(FormLifetime);
        var policy = UploadPolicy.ForClient(storage.Value.InputsBucket, $"{userId}/{jobId}~", fileName, maxBytes, FormLifetime);
        var post = await objects.CreateUploadFormAsync(policy, ct);
        return new ClientUploadForm(post, policy.Client!.Key, maxBytes, expires);
    }

    /// <summary>Whether a program may name its upload so: a plain file name (no folders, no control characters), at most 200 characters.</summary>
    public static bool IsAcceptableFileName(string? fileName) =>
        !string.IsNullOrWhiteSpace(fileName) && fileName.Length <= 200 && fileName == fileName.Trim()
        && fileName is not ("." or "..") && !fileName.Any(c => char.IsControl(c) || c is '/' or '\\');

    /// <summary>Creates the job for an uploaded object; a repeated redirect for the same upload is harmless.</summary>
    /// <param name="jobName">The optional name the page script appended to the redirect (<see cref="JobNames.Normalize"/> applies).</param>
    public async Task<(SubmissionError Error, string? JobId)> SubmitAsync(
        string userId, bool isPremium, string bucket, string key, string? genomeBuild, string? jobName, CancellationToken ct)
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
            if (existing.UserId != userId)
            {
                return (SubmissionError.NotYourUpload, null);
            }

            // The redirect followed again, perhaps because the web process that made the job died before publishing its request.
            if (existing.Status == JobStatus.Pending)
            {
                await intake.RequestAsync(existing, ct);
            }

            return (SubmissionError.None, jobId);
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
            await intake.SubmitAsync(jobId, userId, isPremium ? UserTier.Premium : UserTier.Free, fileName, bucket, key, genomeBuild, jobName, ct);
        }
        catch (JobAlreadyExistsException)
        {
            // The same redirect followed twice: the first one made the job.
        }

        return (SubmissionError.None, jobId);
    }
}
