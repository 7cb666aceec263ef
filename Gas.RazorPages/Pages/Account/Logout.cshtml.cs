using Gas.RazorPages.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gas.RazorPages.Pages.Account;

public sealed class LogoutModel(SignInManager<GasUser> signIn, UserManager<GasUser> users) : PageModel
{
    public void OnGet()
    {
    }

    /// <summary>
    /// Changes the user's security stamp before deleting the cookie, so a copy of the cookie (stolen, or kept by a shared
    /// computer) is refused on its next request to this instance, and on other instances within
    /// <c>Gas:Accounts:CookieRevalidationInterval</c>. It ends the user's other sessions too.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
