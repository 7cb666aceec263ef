using Gas.Core.Configuration;
using Gas.Core.Jobs;
using Gas.Core.Storage;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Jobs;

/// <summary>Why a finished job could not be annotated again.</summary>
public enum ReannotationError
{
    None,

    /// <summary>The job's input is no longer in the store.</summary>
    InputGone,

    /// <summary>The input is larger than the owner's plan now allows (a Premium upload after a downgrade).</summary>
    TooLarge,
}

/// <summary>
/// "Re-annotate": a new PENDING job from a finished job's input, with a genome build chosen again (say, once reference data has
/// arrived). The input is copied to the new job's own key, so each job keeps, archives and deletes its input on its own.
/// </summary>
public sealed class Reannotation(IObjectStore objects, JobIntake intake, IOptions<RetentionOptions> retention)
{
    public async Task<(ReannotationError Error, string? JobId)> SubmitAsync(AnnotationJob source, bool isPremium, string? genomeBuild, CancellationToken ct)
    {
        var head = await objects.HeadAsync(source.InputsBucket, source.InputKey, ct);
        if (head is null)
        {
            return (ReannotationError.InputGone, null);
        }

        if (!isPremium && head.Size > retention.Value.FreeMaxInputBytes)
        {
            return (ReannotationError.TooLarge, null);
        }

        var jobId = Guid.NewGuid().ToString();
        var key = $"{source.UserId}/{jobId}~{source.InputFileName}";
        try
        {
            await using var content = await objects.OpenReadAsync(source.InputsBucket, source.InputKey, ct);
            await objects.PutAsync(source.InputsBucket, key, content, "application/octet-stream", ct);
        }
        catch (ObjectNotFoundException)
        {
            return (ReannotationError.InputGone, null);
        }

        await intake.SubmitAsync(jobId, source.UserId, isPremium ? UserTier.Premium : UserTier.Free, source.InputFileName, source.InputsBucket, key, genomeBuild, source.JobName, ct);
        return (ReannotationError.None, jobId);
    }
}
