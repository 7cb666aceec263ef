using Gas.RazorPages.Accounts;
using Gas.RazorPages.Plans;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gas.RazorPages.Pages.Account;

public sealed class AccountModel(
    UserManager<GasUser> users, SignInManager<GasUser> signIn, PlanChanges plans,
    IPayments payments, ILogger<AccountModel> logger) : PageModel
{
    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";
    public bool IsPremium { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Name = user.DisplayName;
        Email = user.Email ?? "";
        IsPremium = await users.IsPremiumAsync(user);
        return Page();
    }

    /// <summary>Ends the subscription with the payment provider (when there is one) and returns the user to the Free plan.</summary>
    public async Task<IActionResult> OnPostCancelAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.StripeSubscriptionId is { } subscriptionId)
        {
            try
            {
                await payments.CancelSubscriptionAsync(subscriptionId, ct);
            }
            catch (PaymentProviderException e)
            {
                logger.LogError(e, "Could not cancel subscription {SubscriptionId}", subscriptionId);
                TempData["Message"] = "We could not cancel your subscription with the payment provider just now. Nothing was changed; please try again.";
                return RedirectToPage();
            }
        }

        await plans.DowngradeAsync(user);
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = "Premium is cancelled. You are on the Free plan again.";
        return RedirectToPage();
    }
}
