using Microsoft.EntityFrameworkCore;

namespace Gas.RazorPages.Accounts;

/// <summary>What the background jobs need to know about a user, read fresh from the accounts database.</summary>
public sealed record UserInfo(string Id, string Email, string Name);

/// <summary>Reads users and their plan for the util jobs (the plan is always re-read, never trusted from a message).</summary>
public sealed class UserDirectory(AccountsDbContext db)
{
    public async Task<UserInfo?> FindAsync(string userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        return user is null ? null : new UserInfo(user.Id, user.Email ?? "", user.DisplayName);
    }

    /// <summary>Whether the user is Premium now (<see cref="PremiumPlan"/>); false for an unknown user.</summary>
    public Task<bool> IsPremiumAsync(string userId, CancellationToken ct) =>
        PremiumPlan.HolderIds(db).AnyAsync(id => id == userId, ct);

    /// <summary>Ids of Premium users, for the sweeps.</summary>
    public async Task<IReadOnlyList<string>> PremiumUserIdsAsync(CancellationToken ct) =>
        await PremiumPlan.HolderIds(db).ToListAsync(ct);

    /// <summary>Ids of everyone else (the Free plan), for the sweeps.</summary>
    public async Task<IReadOnlyList<string>> FreeUserIdsAsync(CancellationToken ct)
    {
        var premium = PremiumPlan.HolderIds(db);
        return await db.Users.AsNoTracking().Where(u => !premium.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
    }
}
