using System.ComponentModel.DataAnnotations;
using System.Text;
using Gas.RazorPages.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Gas.RazorPages.Pages.Account;

/// <summary>
/// Sets a new password from an emailed link. The password is judged first, by the same validators as registration and
/// for any address alike; then Identity checks the token and, on success, changes the security stamp, so the link
/// works once and every existing session of the account ends.
/// </summary>
public sealed class ResetPasswordModel(UserManager<GasUser> users) : PageModel
{
    public const string Done = "Your password has been changed. Log in with the new one.";

    public const string BadLink = "This link is not valid any more (it works once, within a day). Ask for a new one below.";

    [BindProperty]
    public ResetInput Input { get; set; } = new();

    public bool LinkRefused { get; private set; }

    public void OnGet(string? email, string? token)
    {
        Input.Email = email ?? "";
        Input.Token = token ?? "";
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Judged against the typed address only, so the answer cannot tell whether it has an account.
        var candidate = new GasUser { UserName = Input.Email, Email = Input.Email };
        foreach (var validator in users.PasswordValidators)
        {
            var verdict = await validator.ValidateAsync(users, candidate, Input.Password);
            foreach (var error in verdict.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email);
        var result = user is null || DecodeToken(Input.Token) is not { } token
            ? IdentityResult.Failed(new IdentityErrorDescriber().InvalidToken())
            : await users.ResetPasswordAsync(user, token, Input.Password);
        if (result.Succeeded)
        {
            TempData["Message"] = Done;
            return RedirectToPage("/Account/Login");
        }

        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
        {
            LinkRefused = true;
            ModelState.AddModelError(string.Empty, BadLink);
            return Page();
        }

        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(string.Empty, error.Description);
        }

        return Page();
    }

    private static string? DecodeToken(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public sealed class ResetInput
    {
        [Required(ErrorMessage = "The link is missing your email address; open it again from the email."), EmailAddress, StringLength(256)]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "The link is missing its code; open it again from the email.")]
        public string Token { get; set; } = "";

        [Required(ErrorMessage = "Please choose a new password."),
         StringLength(100, MinimumLength = 8, ErrorMessage = "The password needs 8 characters or more (and at most 100)."), DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Please type the new password twice."), DataType(DataType.Password),
         Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
