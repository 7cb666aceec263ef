using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Accounts;

/// <summary>What a sign-in cookie is checked against: the user's security stamp and roles (their plan) as the accounts database has them.</summary>
public sealed record SignInState(string? SecurityStamp, IReadOnlySet<string> Roles);

/// <summary>
/// This instance's memory of each signed-in user's <see cref="SignInState"/>, so a signed-in page reads the accounts database
/// once per user per <see cref="AccountsOptions.CookieRevalidationInterval"/> instead of on every request. Every change to a
/// user written through this instance (logout, password change, plan change, deletion) forgets that user at once
/// (<see cref="SignInStateInvalidation"/>); a change written by another instance is seen here within the interval.
/// </summary>
public sealed class SignInStates(TimeProvider time, IOptions<AccountsOptions> options)
{
    /// <summary>Past this many remembered users, expired entries are dropped (and all, if that is not enough).</summary>
    internal const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _forgets;

    /// <summary>The user's state, from memory while it is fresh, else read through <paramref name="db"/>; null for an unknown user.</summary>
    public async ValueTask<SignInState?> GetAsync(string userId, Func<AccountsDbContext> db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow();
        if (_entries.TryGetValue(userId, out var known) && now < known.Until)
        {
            return known.State;
        }

        var forgetsBefore = Interlocked.Read(ref _forgets);
        var state = await ReadAsync(db(), userId, ct);
        var interval = options.Value.CookieRevalidationInterval;
        if (state is not null && interval > TimeSpan.Zero)
        {
            lock (_gate)
            {
                // A change forgotten while this read ran may not be in what it read: keep it for this request only.
                if (_forgets == forgetsBefore)
                {
                    Trim();
                    _entries[userId] = new Entry(state, now + interval);
                }
            }
        }

        return state;
    }

    /// <summary>Forgets what this instance knows about the users, after a change to them was written.</summary>
    public void Forget(IEnumerable<string> userIds)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        lock (_gate)
        {
            _forgets++;
            foreach (var id in userIds)
            {
                _entries.TryRemove(id, out _);
            }
        }
    }

    private static async Task<SignInState?> ReadAsync(AccountsDbContext db, string userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.SecurityStamp }).SingleOrDefaultAsync(ct);
        if (user is null)
        {
            return null;
        }

        var roles = await (from link in db.UserRoles.AsNoTracking()
                           join role in db.Roles.AsNoTracking() on link.RoleId equals role.Id
                           where link.UserId == userId
                           select role.Name).ToListAsync(ct);
        return new SignInState(user.SecurityStamp, roles.OfType<string>().ToHashSet(StringComparer.Ordinal));
    }

    private void Trim()
    {
        if (_entries.Count < MaxEntries)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var (id, entry) in _entries)
        {
            if (entry.Until <= now)
            {
                _entries.TryRemove(id, out _);
            }
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
    }

    private sealed record Entry(SignInState State, DateTimeOffset Until);
}
