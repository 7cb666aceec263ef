using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Gas.RazorPages.Accounts;

/// <summary>
/// The one rule for "is this user Premium": they hold the <see cref="GasRoles.Premium"/> role; everyone else is on the Free plan.
/// Pages ask the signed-in user's claims (refreshed from the database within a minute of a change, at once for the user who
/// made it), plan changes ask <see cref="UserManager{TUser}"/>, and the util jobs ask the database through
/// <see cref="UserDirectory"/>; all three ask here.
/// </summary>
public static class PremiumPlan
{
    public const string Role = GasRoles.Premium;

    public static bool IsPremium(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Role);
    }

    public static Task<bool> IsPremiumAsync(this UserManager<GasUser> users, GasUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        return users.IsInRoleAsync(user, Role);
    }

    /// <summary>The ids of Premium users, as a query over the accounts database.</summary>
    public static IQueryable<string> HolderIds(AccountsDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return from userRole in db.UserRoles
               join role in db.Roles on userRole.RoleId equals role.Id
               where role.Name == Role
               select userRole.UserId;
    }
}
