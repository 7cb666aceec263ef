using System.ComponentModel.DataAnnotations;
using System.Text;
using Gas.RazorPages.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Gas.RazorPages.Pages.Account;

/// <summary>
/// Asks for a password-reset link. The answer is the same whether or not the address has an account; only an
/// account's owner gets an email, with a link carrying Identity's reset token.
/// </summary>
public sealed class ForgotPasswordModel(UserManager<GasUser> users, AccountEmails emails) : PageModel
{
    public const string Sent =
        "Thank you. If that address has an account, we have sent it a link to choose a new password. It works once, within a day.";

    [BindProperty]
    public ForgotInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await users.FindByEmailAsync(Input.Email) is { } user)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            await emails.SendPasswordResetAsync(user, WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token)));
        }

        TempData["Message"] = Sent;
        return RedirectToPage("/Account/Login");
    }

    public sealed class ForgotInput
    {
        [Required(ErrorMessage = "Please enter your email address."), EmailAddress(ErrorMessage = "That does not look like an email address."), StringLength(256)]
        public string Email { get; set; } = "";
    }
}
