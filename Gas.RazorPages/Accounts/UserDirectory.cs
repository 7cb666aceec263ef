using Microsoft.EntityFrameworkCore;

namespace Gas.RazorPages.Accounts;

/// <summary>What the background jobs need to know about a user, read fresh from the accounts database.</summary>
public sealed record UserInfo(string Id, string Email, string Name, bool IsPremium);

/// <summary>Reads users and their plan for the util jobs (the tier is always re-read, never trusted from a message).</summary>
public sealed class UserDirectory(AccountsDbContext db)
{
    public async Task<UserInfo?> FindAsync(string userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        return user is null ? null : new UserInfo(user.Id, user.Email ?? "", user.DisplayName, await IsPremiumAsync(user.Id, ct));
    }

    /// <summary>Ids of users in a role, for the sweeps.</summary>
    public async Task<IReadOnlyList<string>> UserIdsInRoleAsync(string role, CancellationToken ct)
    {
        var roleId = await db.Roles.AsNoTracking().Where(r => r.Name == role).Select(r => r.Id).FirstOrDefaultAsync(ct);
        return roleId is null
            ? []
            : await db.UserRoles.AsNoTracking().Where(ur => ur.RoleId == roleId).Select(ur => ur.UserId).ToListAsync(ct);
    }

    private Task<bool> IsPremiumAsync(string userId, CancellationToken ct) =>
        (from ur in db.UserRoles
         join r in db.Roles on ur.RoleId equals r.Id
         where ur.UserId == userId && r.Name == GasRoles.Premium
         select ur).AnyAsync(ct);
}
