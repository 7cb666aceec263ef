using System.ComponentModel.DataAnnotations;
using Gas.RazorPages.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gas.RazorPages.Pages.Account;

/// <summary>
/// Registration answers a new address and one that already has an account alike (same checks, same redirect, same
/// message, an email either way), so the form cannot be used to find out who has an account.
/// </summary>
public sealed class RegisterModel(UserManager<GasUser> users, SignInTiming timing, AccountEmails emails) : PageModel
{
    public const string Received =
        "Thank you. We have sent a message to that address. If the account is new, it is ready: log in below.";

    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    public string? ReturnUrl { get; set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var candidate = new GasUser
        {
            UserName = Input.Email,
            Email = Input.Email,
            DisplayName = string.IsNullOrWhiteSpace(Input.Name) ? Input.Email.Split('@')[0] : Input.Name.Trim(),
        };

        // The password is judged the same way whether or not the address is taken.
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

        var existing = await users.FindByEmailAsync(Input.Email);
        var created = existing is null ? await users.CreateAsync(candidate, Input.Password) : null;
        if (created is { Succeeded: false } && !created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName"))
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            return Page();
        }

        if (created is { Succeeded: true })
        {
            await users.AddToRoleAsync(candidate, GasRoles.Free);
            await emails.SendWelcomeAsync(candidate);
        }
        else
        {
            timing.SpendHash(Input.Password);
            if ((existing ?? await users.FindByEmailAsync(Input.Email)) is { } owner)
            {
                await emails.SendRegistrationAttemptAsync(owner);
            }
        }

        TempData["Message"] = Received;
        return RedirectToPage("/Account/Login", new { returnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl : "/annotate" });
    }

    public sealed class RegisterInput
    {
        [StringLength(100, ErrorMessage = "Please keep the name under 100 characters.")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Please enter your email address."), EmailAddress(ErrorMessage = "That does not look like an email address."),
         StringLength(256, ErrorMessage = "That email address is too long.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Please choose a password."),
         StringLength(100, MinimumLength = 8, ErrorMessage = "The password needs 8 characters or more (and at most 100)."), DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Please type the password twice."), DataType(DataType.Password), Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
