using Gas.RazorPages.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gas.RazorPages.Plans;

/// <summary>
/// Applies verified payment events to users' plans, each event once however often it arrives: the event's id is recorded
/// in the same accounts-database transaction as the plan change, so a retried, redelivered or replayed event is only acknowledged.
/// </summary>
public sealed class PaymentEvents(
    AccountsDbContext db, UserManager<GasUser> users, PlanChanges plans, TimeProvider time, ILogger<PaymentEvents> logger)
{
    /// <summary>Applies the event; false when it had been applied before.</summary>
    public async Task<bool> ApplyOnceAsync(PaymentEvent paymentEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(paymentEvent);
        if (await WasAppliedAsync(paymentEvent.Id, ct))
        {
            logger.LogInformation("Payment event {EventId} was applied before; acknowledged without applying it again", paymentEvent.Id);
            return false;
        }

        GasUser? upgraded;
        GasUser? downgraded;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var record = db.ProcessedPaymentEvents.Add(new ProcessedPaymentEvent
            {
                EventId = paymentEvent.Id,
                Type = paymentEvent.GetType().Name,
                ProcessedTime = time.GetUtcNow().ToUnixTimeSeconds(),
            });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                await transaction.RollbackAsync(ct);
                record.State = EntityState.Detached;
                if (await WasAppliedAsync(paymentEvent.Id, ct))
                {
                    // Another delivery of the same event recorded it first.
                    return false;
                }

                throw;
            }

            (upgraded, downgraded) = await ApplyAsync(paymentEvent, ct);
            await transaction.CommitAsync(ct);
        }

        // Only after the commit: the restore re-reads the plan and must find the user Premium.
        if (upgraded is not null)
        {
            await plans.RequestRestoreAsync(upgraded);
        }

        // Again after the commit: a sweep that read the plan before it must find the user's jobs marked.
        if (downgraded is not null)
        {
            await plans.MarkJobsForSweepAsync(downgraded, ct);
        }

        return true;
    }

    private Task<bool> WasAppliedAsync(string eventId, CancellationToken ct) =>
        db.ProcessedPaymentEvents.AsNoTracking().AnyAsync(e => e.EventId == eventId, ct);

    /// <summary>Changes the plan the event speaks of; returns the user it made Premium or returned to Free, if any.</summary>
    private async Task<(GasUser? Upgraded, GasUser? Downgraded)> ApplyAsync(PaymentEvent paymentEvent, CancellationToken ct)
    {
        switch (paymentEvent)
        {
            case CheckoutCompletedEvent { Checkout: var checkout }:
                var buyer = await users.FindByIdAsync(checkout.UserId);
                if (buyer is null)
                {
                    logger.LogWarning("Payment event {EventId} is for unknown user {UserId}", paymentEvent.Id, checkout.UserId);
                    return (null, null);
                }

                return (await plans.MakePremiumAsync(buyer, checkout.CustomerId, checkout.SubscriptionId) ? buyer : null, null);
            case SubscriptionEndedEvent { SubscriptionId: var subscriptionId }:
                var subscriber = await users.Users.FirstOrDefaultAsync(u => u.StripeSubscriptionId == subscriptionId, ct);
                if (subscriber is not null)
                {
                    await plans.DowngradeAsync(subscriber);
                }

                return (null, subscriber);
            default:
                return (null, null);
        }
    }
}
