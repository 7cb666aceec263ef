using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Accounts;

/// <summary>
/// Checks every signed-in request's cookie against the user's current security stamp and roles (<see cref="SignInStates"/>):
/// a stamp that changed (logout, password change) signs the cookie out; roles that changed (an upgrade, a cancellation)
/// re-issue the cookie with the new ones. It replaces Identity's validator, which reads the database and re-issues the
/// cookie on every check, and which only checks a cookie older than its interval.
/// </summary>
public sealed class CachedSecurityStampValidator(SignInStates states, IOptions<IdentityOptions> identity) : ISecurityStampValidator
{
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var claims = identity.Value.ClaimsIdentity;
        var services = context.HttpContext.RequestServices;
        var principal = context.Principal;
        var userId = principal?.FindFirstValue(claims.UserIdClaimType);
        var state = principal is null || userId is null
            ? null
            : await states.GetAsync(userId, services.GetRequiredService<AccountsDbContext>, context.HttpContext.RequestAborted);
        if (principal is null || userId is null || state is null
            || !string.Equals(state.SecurityStamp, principal.FindFirstValue(claims.SecurityStampClaimType), StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        if (SameRoles(principal, claims.RoleClaimType, state.Roles))
        {
            return;
        }

        var signIn = services.GetRequiredService<SignInManager<GasUser>>();
        if (await signIn.UserManager.FindByIdAsync(userId) is not { } user)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        var fresh = await signIn.CreateUserPrincipalAsync(user);
        // Keep how the user signed in (an external provider's "amr"), as Identity's own validator does.
        if (principal.FindFirst("amr") is { } method && fresh.Identity is ClaimsIdentity freshIdentity && !fresh.HasClaim(c => c.Type == "amr"))
        {
            freshIdentity.AddClaim(new Claim(method.Type, method.Value));
        }

        context.ReplacePrincipal(fresh);
        context.ShouldRenew = true;
    }

    private static bool SameRoles(ClaimsPrincipal principal, string roleClaimType, IReadOnlySet<string> roles)
    {
        var count = 0;
        foreach (var claim in principal.Claims)
        {
            if (claim.Type == roleClaimType)
            {
                if (!roles.Contains(claim.Value))
                {
                    return false;
                }

                count++;
            }
        }

        return count == roles.Count;
    }
}
