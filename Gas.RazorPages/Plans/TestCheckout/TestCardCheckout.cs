using Gas.RazorPages.Accounts;

namespace Gas.RazorPages.Plans.TestCheckout;

/// <summary>Takes a card on the local test checkout page: Stripe's test cards decide, and an approved one upgrades the user.</summary>
public sealed class TestCardCheckout(PlanChanges plans, TimeProvider time)
{
    public async Task<CardDecision> PayAsync(GasUser user, string number, string expiry, string cvc)
    {
        var decision = TestCards.Evaluate(number, expiry, cvc, time.GetUtcNow());
        if (decision.Approved)
        {
            await plans.UpgradeAsync(user);
        }

        return decision;
    }
}
