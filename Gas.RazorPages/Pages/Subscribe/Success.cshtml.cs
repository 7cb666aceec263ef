using Gas.RazorPages.Accounts;
using Gas.RazorPages.Plans;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gas.RazorPages.Pages.Subscribe;

/// <summary>The confirmation page; it also confirms the checkout with the provider, in case the webhook is still on its way.</summary>
public sealed class SuccessModel(
    UserManager<GasUser> users, SignInManager<GasUser> signIn, PlanChanges plans, IPayments payments, ILogger<SuccessModel> logger) : PageModel
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
        if (!string.IsNullOrEmpty(session_id) && !await users.IsPremiumAsync(user)
            && await ConfirmAsync(session_id, ct) is { } checkout && checkout.UserId == user.Id)
        {
            await plans.UpgradeAsync(user, checkout.CustomerId, checkout.SubscriptionId);
        }

        IsPremium = await users.IsPremiumAsync(user);
        if (IsPremium)
        {
            await signIn.RefreshSignInAsync(user);
        }

        return Page();
    }

    private async Task<CompletedCheckout?> ConfirmAsync(string checkoutId, CancellationToken ct)
    {
        try
        {
            return await payments.ConfirmCheckoutAsync(checkoutId, ct);
        }
        catch (PaymentProviderException e)
        {
            // The webhook still upgrades the user; until then the page says the payment is pending.
            logger.LogWarning(e, "Could not confirm checkout {CheckoutId}", checkoutId);
            return null;
        }
    }
}
