using Gas.RazorPages.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Pages.Account;

/// <summary>
/// Sign-in through the OpenID Connect provider: a POST (with the antiforgery token) sends the browser to the provider,
/// which returns to <c>/signin-oidc</c> and then here. Every route answers 404 while no provider is configured.
/// </summary>
public sealed class ExternalLoginModel(SignInManager<GasUser> signIn, ExternalSignIn external, IOptions<AccountsOptions> accounts) : PageModel
{
    public string? Refusal { get; private set; }

    public string ProviderName => accounts.Value.Oidc.DisplayName;

    public string ReturnUrl { get; private set; } = "/annotations";

    private bool Configured => accounts.Value.Oidc.IsConfigured;

    public IActionResult OnGet() => Configured ? RedirectToPage("/Account/Login") : NotFound();

    public IActionResult OnPost(string? returnUrl)
    {
        if (!Configured)
        {
            return NotFound();
        }

        var callback = Url.Page("/Account/ExternalLogin", "Callback", new { returnUrl = Safe(returnUrl) });
        var properties = signIn.ConfigureExternalAuthenticationProperties(OidcSignIn.Scheme, callback);
        return Challenge(properties, OidcSignIn.Scheme);
    }

    public async Task<IActionResult> OnGetCallbackAsync(string? returnUrl)
    {
        if (!Configured)
        {
            return NotFound();
        }

        ReturnUrl = Safe(returnUrl);
        var outcome = await external.CompleteAsync();
        if (outcome.SignedIn)
        {
            return LocalRedirect(ReturnUrl);
        }

        return Refuse(outcome.Refusal!);
    }

    public IActionResult OnGetFailed() => Configured ? Refuse(ExternalSignIn.Incomplete) : NotFound();

    private PageResult Refuse(string reason)
    {
        Refusal = reason;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    private string Safe(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl : "/annotations";
}
