using Gas.RazorPages.Accounts;
using Gas.RazorPages.Api.Tokens;
using Gas.RazorPages.Plans;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gas.RazorPages.Pages.Account;

public sealed class AccountModel(
    UserManager<GasUser> users, SignInManager<GasUser> signIn, PlanChanges plans,
    IPayments payments, PersonalAccessTokens tokens, TimeProvider time, ILogger<AccountModel> logger) : PageModel
{
    /// <summary>The lifetimes a new token may be given, in days.</summary>
    public static readonly IReadOnlyList<int> TokenLifetimes = [7, 30, 90, 365];

    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";
    public bool IsPremium { get; private set; }

    public IReadOnlyList<TokenListing> Tokens { get; private set; } = [];

    /// <summary>The token just created: shown in this one response and never again (it is not stored, nor put in TempData's cookie).</summary>
    public (string Name, string Token)? NewToken { get; private set; }

    /// <summary>What was wrong with the token form.</summary>
    public string? TokenProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? Page() : Challenge();

    /// <summary>
    /// Creates a personal access token and shows it once. The page is rendered in answer to the POST (no redirect), so the
    /// token never travels in a cookie or a URL; the response is not cached.
    /// </summary>
    public async Task<IActionResult> OnPostCreateTokenAsync(string? tokenName, int days, CancellationToken ct)
    {
        var userId = Jobs.JobAccess.UserId(User);
        if (userId is null)
        {
            return Challenge();
        }

        var name = PersonalAccessTokens.NormalizeName(tokenName);
        if (name is null || !TokenLifetimes.Contains(days))
        {
            TokenProblem = name is null ? "Give the token a name, such as the pipeline that will use it." : "Choose how long the token lasts.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            NewToken = (name, await tokens.CreateAsync(userId, name, time.GetUtcNow().AddDays(days), ct));
            Response.Headers.CacheControl = "no-store";
        }

        return await LoadAsync(ct) ? Page() : Challenge();
    }

    public async Task<IActionResult> OnPostRevokeTokenAsync(string? tokenId, CancellationToken ct)
    {
        var userId = Jobs.JobAccess.UserId(User);
        if (userId is null)
        {
            return Challenge();
        }

        TempData["Message"] = tokenId is not null && await tokens.RevokeAsync(userId, tokenId, ct)
            ? "The token is revoked: requests that send it are refused from now on."
            : "That token was already revoked.";
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return false;
        }

        Name = user.DisplayName;
        Email = user.Email ?? "";
        IsPremium = await users.IsPremiumAsync(user);
        Tokens = await tokens.ListAsync(user.Id, ct);
        return true;
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
