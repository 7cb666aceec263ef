using Gas.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Gas.Core.Embedded;

/// <summary>
/// The embedded store's counterpart of the inputs bucket's S3 lifecycle rule: deletes browser uploads that no job claimed
/// within <see cref="UnclaimedUploads.Lifetime"/>, and partial files a stopped process left behind. Safe to run twice.
/// </summary>
public sealed class UnclaimedUploadSweep(FolderObjectStore store, UploadLedger ledger, TimeProvider time, ILogger<UnclaimedUploadSweep> logger)
{
    /// <summary>Runs once; returns how many unclaimed uploads it deleted.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var cutoff = now - UnclaimedUploads.Lifetime;
        var expired = 0;
        foreach (var (policyId, bucket, key) in ledger.Unclaimed(cutoff.ToUnixTimeSeconds()))
        {
            await store.DeleteAsync(bucket, key, ct);
            ledger.MarkExpired(policyId, now.ToUnixTimeSeconds());
            logger.LogInformation("Deleted unclaimed upload {Bucket}/{Key}", bucket, key);
            expired++;
        }

        foreach (var partial in store.StalePartialFiles(cutoff))
        {
            File.Delete(partial);
            logger.LogInformation("Deleted stale partial file {Path}", partial);
        }

        ledger.ForgetSettled(now.ToUnixTimeSeconds(), (long)UnclaimedUploads.Lifetime.TotalSeconds);
        return expired;
    }
}
