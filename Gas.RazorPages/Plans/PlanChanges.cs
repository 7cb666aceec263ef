using Gas.Core.Configuration;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Gas.RazorPages.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Plans;

/// <summary>Moves a user between Free and Premium; an upgrade asks for their archived results back.</summary>
public sealed class PlanChanges(UserManager<GasUser> users, ITopic topic, IJobStore jobs,
    IOptions<MessagingOptions> messaging, TimeProvider time, ILogger<PlanChanges> logger)
{
    /// <summary>Makes the user Premium and asks for their archived results; false when they already were (no second restore request).</summary>
    public async Task<bool> UpgradeAsync(GasUser user, string? stripeCustomerId = null, string? stripeSubscriptionId = null)
    {
        if (!await MakePremiumAsync(user, stripeCustomerId, stripeSubscriptionId))
        {
            return false;
        }

        await RequestRestoreAsync(user);
        return true;
    }

    /// <summary>
    /// The account half of an upgrade, for callers that change the account inside a transaction and must ask for the restore
    /// only once it is committed (the restore re-reads the plan); false when the user already was Premium.
    /// </summary>
    public async Task<bool> MakePremiumAsync(GasUser user, string? stripeCustomerId, string? stripeSubscriptionId)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (stripeCustomerId is not null || stripeSubscriptionId is not null)
        {
            user.StripeCustomerId = stripeCustomerId ?? user.StripeCustomerId;
            user.StripeSubscriptionId = stripeSubscriptionId ?? user.StripeSubscriptionId;
            await users.UpdateAsync(user);
        }

        if (await users.IsPremiumAsync(user))
        {
            return false;
        }

        await users.AddToRoleAsync(user, PremiumPlan.Role);
        if (await users.IsInRoleAsync(user, GasRoles.Free))
        {
            await users.RemoveFromRoleAsync(user, GasRoles.Free);
        }

        // No security-stamp change: that would sign the user out everywhere. Signed-in sessions get a cookie with the new
        // roles on their next request (on another instance within Gas:Accounts:CookieRevalidationInterval).
        logger.LogInformation("User {UserId} upgraded to Premium", user.Id);
        return true;
    }

    /// <summary>
    /// Publishes the request that brings a new Premium user's archived results back, and puts their jobs back in the archive
    /// sweep's index, which restores them should that request be lost.
    /// </summary>
    public async Task RequestRestoreAsync(GasUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        await MarkJobsForSweepAsync(user);
        await topic.PublishAsync(messaging.Value.RestoreTopic,
            MessageJson.Serialize(new RestoreRequest(user.Id, time.GetUtcNow().ToUnixTimeSeconds())));
    }

    /// <summary>
    /// Puts a user's completed jobs back in the archive sweep's index after their plan changed (the sweep sets aside jobs the
    /// plan keeps where they are): a downgraded user's hot results become due for archiving, an upgraded user's archived ones for
    /// a restore. One write per completed job of the user, once per plan change; call it once the plan change is committed.
    /// </summary>
    public async Task MarkJobsForSweepAsync(GasUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        string? page = null;
        do
        {
            var result = await jobs.ListByUserAsync(user.Id, 100, page, ct);
            foreach (var job in result.Jobs.Where(j => j.Status == JobStatus.Completed))
            {
                await jobs.TryMarkForSweepAsync(job.JobId, ct);
            }

            page = result.NextPageToken;
        }
        while (page is not null);
    }

    /// <summary>Returns the user to the Free plan.</summary>
    public async Task DowngradeAsync(GasUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await users.IsPremiumAsync(user))
        {
            await users.RemoveFromRoleAsync(user, PremiumPlan.Role);
        }

        if (!await users.IsInRoleAsync(user, GasRoles.Free))
        {
            await users.AddToRoleAsync(user, GasRoles.Free);
        }

        user.StripeSubscriptionId = null;
        await users.UpdateAsync(user);
        await MarkJobsForSweepAsync(user);
        logger.LogInformation("User {UserId} returned to the Free plan", user.Id);
    }
}
