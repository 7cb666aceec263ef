using Gas.Core.Configuration;
using Gas.Core.Messaging;
using Gas.RazorPages.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Plans;

/// <summary>Moves a user between Free and Premium; an upgrade asks for their archived results back.</summary>
public sealed class PlanChanges(UserManager<GasUser> users, ITopic topic,
    IOptions<MessagingOptions> messaging, TimeProvider time, ILogger<PlanChanges> logger)
{
    /// <summary>Makes the user Premium; returns false when they already were (no second restore request).</summary>
    public async Task<bool> UpgradeAsync(GasUser user, string? stripeCustomerId = null, string? stripeSubscriptionId = null)
    {
        if (stripeCustomerId is not null || stripeSubscriptionId is not null)
        {
            user.StripeCustomerId = stripeCustomerId ?? user.StripeCustomerId;
            user.StripeSubscriptionId = stripeSubscriptionId ?? user.StripeSubscriptionId;
            await users.UpdateAsync(user);
        }

        if (await users.IsInRoleAsync(user, GasRoles.Premium))
        {
            return false;
        }

        await users.AddToRoleAsync(user, GasRoles.Premium);
        if (await users.IsInRoleAsync(user, GasRoles.Free))
        {
            await users.RemoveFromRoleAsync(user, GasRoles.Free);
        }

        // No security-stamp change: that would sign the user out everywhere. Signed-in sessions re-read their roles
        // when their cookie is re-checked (Gas:Accounts:CookieRevalidationInterval).
        await topic.PublishAsync(messaging.Value.RestoreTopic,
            MessageJson.Serialize(new RestoreRequest(user.Id, time.GetUtcNow().ToUnixTimeSeconds())));
        logger.LogInformation("User {UserId} upgraded to Premium", user.Id);
        return true;
    }

    /// <summary>Returns the user to the Free plan.</summary>
    public async Task DowngradeAsync(GasUser user)
    {
        if (await users.IsInRoleAsync(user, GasRoles.Premium))
        {
            await users.RemoveFromRoleAsync(user, GasRoles.Premium);
        }

        if (!await users.IsInRoleAsync(user, GasRoles.Free))
        {
            await users.AddToRoleAsync(user, GasRoles.Free);
        }

        user.StripeSubscriptionId = null;
        await users.UpdateAsync(user);
        logger.LogInformation("User {UserId} returned to the Free plan", user.Id);
    }
}
