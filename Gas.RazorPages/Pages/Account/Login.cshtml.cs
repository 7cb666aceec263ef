using System.ComponentModel.DataAnnotations;
using Gas.RazorPages.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gas.RazorPages.Pages.Account;

public sealed class LoginModel(SignInManager<GasUser> signIn, UserManager<GasUser> users, SignInTiming timing) : PageModel
{
    /// <summary>The one answer to every failed sign-in: an unknown address, a wrong password and a locked account read alike.</summary>
    public const string Refusal = "Email or password is not right, or the account is locked for a few minutes after too many attempts.";

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    public string? ReturnUrl { get; set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email);
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/annotations");
        }

        // Identity answers these without checking the password; check one anyway so they take as long as a wrong password.
        if (user is null || result.IsLockedOut || result.IsNotAllowed)
        {
            timing.SpendVerification(Input.Password);
        }

        ModelState.AddModelError(string.Empty, Refusal);
        return Page();
    }

    public sealed class LoginInput
    {
        [Required, EmailAddress]
        public string Email { get; set; } = "";

        [Required, DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Display(Name = "Keep me signed in")]
        public bool RememberMe { get; set; }
    }
}
