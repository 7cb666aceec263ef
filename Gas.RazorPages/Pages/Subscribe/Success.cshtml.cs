using Gas.RazorPages.Accounts;
using Gas.RazorPages.Plans;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Stripe;
using Stripe.Checkout;

namespace Gas.RazorPages.Pages.Subscribe;

/// <summary>The confirmation page; with Stripe it also confirms the session itself, in case the webhook is still on its way.</summary>
public sealed class SuccessModel(
    UserManager<GasUser> users, SignInManager<GasUser> signIn, PlanChanges plans,
    IOptions<StripeOptions> stripe, IStripeClient stripeClient) : PageModel
{
    public bool IsPremium { get; private set; }
    public string? SessionId { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? session_id, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        SessionId = session_id;
        if (stripe.Value.IsConfigured && !string.IsNullOrEmpty(session_id) && !await users.IsPremiumAsync(user))
        {
            var session = await new SessionService(stripeClient).GetAsync(session_id, cancellationToken: ct);
            if (session.ClientReferenceId == user.Id && session.Status == "complete"
                && session.PaymentStatus is "paid" or "no_payment_required")
            {
                await plans.UpgradeAsync(user, session.CustomerId, session.SubscriptionId);
            }
        }

        IsPremium = await users.IsPremiumAsync(user);
        if (IsPremium)
        {
            await signIn.RefreshSignInAsync(user);
        }

        return Page();
    }
}
