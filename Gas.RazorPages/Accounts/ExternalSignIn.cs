using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Gas.RazorPages.Accounts;

/// <summary>How a sign-in through the OpenID Connect provider ended: signed in, or refused with a reason to show.</summary>
public sealed record ExternalSignInOutcome(bool SignedIn, string? Refusal)
{
    public static readonly ExternalSignInOutcome Success = new(true, null);

    public static ExternalSignInOutcome Refused(string reason) => new(false, reason);
}

/// <summary>
/// Completes a sign-in through the OpenID Connect provider. A returning user is found by the stored external login
/// (whatever their email is now); a first sign-in links the account with the same email or creates one, and only when
/// the provider says it verified that email; otherwise nothing is created or linked.
/// </summary>
public sealed class ExternalSignIn(
    SignInManager<GasUser> signIn, UserManager<GasUser> users, AccountEmails emails, ILogger<ExternalSignIn> logger)
{
    public const string EmailVerifiedClaim = "email_verified";

    public const string UnverifiedEmail =
        "The provider did not confirm that it verified your email address, so we could not create or link a GAS account. " +
        "Verify the address with the provider and try again, or register with a password instead.";

    public const string Incomplete = "The sign-in with the provider did not complete (it may have taken too long, or been cancelled). Please try again.";

    public async Task<ExternalSignInOutcome> CompleteAsync()
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            return ExternalSignInOutcome.Refused(Incomplete);
        }

        try
        {
            var user = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey)
                ?? await LinkOrCreateAsync(info);
            return user is null ? ExternalSignInOutcome.Refused(UnverifiedEmail) : await SignInAsync(info);
        }
        catch (AccountNotLinkedException e)
        {
            return ExternalSignInOutcome.Refused(e.Message);
        }
        finally
        {
            await signIn.Context.SignOutAsync(IdentityConstants.ExternalScheme);
        }
    }

    /// <summary>The account with the provider's verified email (created when there is none), now linked; null when the email is not verified.</summary>
    private async Task<GasUser?> LinkOrCreateAsync(ExternalLoginInfo info)
    {
        var email = info.Principal.FindFirstValue("email")?.Trim();
        if (string.IsNullOrEmpty(email) || !IsVerified(info.Principal))
        {
            logger.LogInformation("Refused an OpenID Connect sign-in for subject {Subject}: no verified email", info.ProviderKey);
            return null;
        }

        var user = await users.FindByEmailAsync(email);
        var created = false;
        if (user is null)
        {
            user = new GasUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = DisplayNameFor(info.Principal, email),
            };
            Check(await users.CreateAsync(user), "create");
            Check(await users.AddToRoleAsync(user, GasRoles.Free), "create");
            created = true;
        }

        Check(await users.AddLoginAsync(user, new UserLoginInfo(info.LoginProvider, info.ProviderKey, info.ProviderDisplayName)), "link");
        logger.LogInformation("OpenID Connect subject {Subject} {Action} account {UserId}", info.ProviderKey, created ? "created" : "linked to", user.Id);
        if (created)
        {
            await emails.SendWelcomeAsync(user);
        }

        return user;
    }

    private async Task<ExternalSignInOutcome> SignInAsync(ExternalLoginInfo info)
    {
        // Identity's own path: lockout and "may sign in" checks, then the same application cookie a password sign-in gets.
        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: true);
        return result.Succeeded
            ? ExternalSignInOutcome.Success
            : ExternalSignInOutcome.Refused(result.IsLockedOut
                ? "This account is locked for a few minutes after too many attempts. Please try again later."
                : "This account cannot sign in right now.");
    }

    private static bool IsVerified(ClaimsPrincipal principal) =>
        bool.TryParse(principal.FindFirstValue(EmailVerifiedClaim), out var verified) && verified;

    private static string DisplayNameFor(ClaimsPrincipal principal, string email)
    {
        var name = principal.FindFirstValue("name")?.Trim();
        name = string.IsNullOrEmpty(name) ? email.Split('@')[0] : name;
        return name.Length > 100 ? name[..100] : name;
    }

    private static void Check(IdentityResult result, string action)
    {
        if (!result.Succeeded)
        {
            // Two first sign-ins at once, or an address Identity refuses: nothing is half-done that a retry cannot finish.
            throw new AccountNotLinkedException(
                $"We could not {action} your GAS account ({string.Join(" ", result.Errors.Select(e => e.Description))}). Please try again.");
        }
    }

    private sealed class AccountNotLinkedException(string message) : Exception(message);
}
