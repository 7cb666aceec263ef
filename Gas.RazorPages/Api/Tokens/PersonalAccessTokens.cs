using Gas.RazorPages.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Gas.RazorPages.Api.Tokens;

/// <summary>A token as its owner sees it on the account page: never the token itself.</summary>
public sealed record TokenListing(string Id, string Name, DateTimeOffset Created, DateTimeOffset Expires, DateTimeOffset? LastUsed, bool Expired);

/// <summary>A token that authenticated a request: whose it is, and which token (the rate limiter's partition).</summary>
public sealed record AuthenticatedToken(string TokenId, string UserId);

/// <summary>Why a bearer token did not authenticate.</summary>
public enum TokenRefusal
{
    None,
    Unknown,
    Expired,
    Revoked,
}

/// <summary>Creates, lists, revokes and checks a user's personal access tokens (stored hashed; see <see cref="TokenFormat"/>).</summary>
public sealed class PersonalAccessTokens(AccountsDbContext db, TimeProvider time, ILogger<PersonalAccessTokens> logger)
{
    /// <summary>A token may live at most this long (a year); the account page offers shorter.</summary>
    public const int MaxLifetimeDays = 366;

    /// <summary>Last-used times are written at most this often, so a busy pipeline does not write on every request.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>Stores a new token for <paramref name="userId"/> and returns it: the only time its plaintext exists.</summary>
    public async Task<string> CreateAsync(string userId, string name, DateTimeOffset expiresAt, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var cleanName = NormalizeName(name) ?? throw new ArgumentException("A token needs a name.", nameof(name));
        var now = time.GetUtcNow();
        if (expiresAt <= now || expiresAt > now.AddDays(MaxLifetimeDays))
        {
            throw new ArgumentOutOfRangeException(nameof(expiresAt), $"A token expires within {MaxLifetimeDays} days from now.");
        }

        var token = TokenFormat.NewToken();
        db.Set<PersonalAccessToken>().Add(new PersonalAccessToken
        {
            Id = Guid.NewGuid().ToString(),
            UserId = userId,
            Name = cleanName,
            TokenHash = TokenFormat.Hash(token),
            CreatedTime = now.ToUnixTimeSeconds(),
            ExpiresTime = expiresAt.ToUnixTimeSeconds(),
        });
        await db.SaveChangesAsync(ct);
        return token;
    }

    /// <summary>The user's tokens that are not revoked, newest first (expired ones too, marked, until revoked).</summary>
    public async Task<IReadOnlyList<TokenListing>> ListAsync(string userId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var rows = await db.Set<PersonalAccessToken>().AsNoTracking()
            .Where(t => t.UserId == userId && t.RevokedTime == null)
            .OrderByDescending(t => t.CreatedTime)
            .ToListAsync(ct);
        return [.. rows.Select(t => new TokenListing(t.Id, t.Name, FromSeconds(t.CreatedTime), FromSeconds(t.ExpiresTime),
            t.LastUsedTime is { } used ? FromSeconds(used) : null, t.ExpiresTime <= now))];
    }

    /// <summary>Revokes one of the user's tokens; false when the user has no such (unrevoked) token.</summary>
    public async Task<bool> RevokeAsync(string userId, string tokenId, CancellationToken ct = default)
    {
        var token = await db.Set<PersonalAccessToken>()
            .SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId && t.RevokedTime == null, ct);
        if (token is null)
        {
            return false;
        }

        token.RevokedTime = time.GetUtcNow().ToUnixTimeSeconds();
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The token's owner when the token is known, unexpired and unrevoked; otherwise why not.</summary>
    public async Task<(AuthenticatedToken? Token, TokenRefusal Refusal)> AuthenticateAsync(string token, CancellationToken ct = default)
    {
        if (!TokenFormat.IsWellFormed(token))
        {
            return (null, TokenRefusal.Unknown);
        }

        var hash = TokenFormat.Hash(token);
        var row = await db.Set<PersonalAccessToken>().SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        var now = time.GetUtcNow();
        if (row is null)
        {
            return (null, TokenRefusal.Unknown);
        }

        if (row.RevokedTime is not null)
        {
            return (null, TokenRefusal.Revoked);
        }

        if (row.ExpiresTime <= now.ToUnixTimeSeconds())
        {
            return (null, TokenRefusal.Expired);
        }

        if (row.LastUsedTime is not { } used || now.ToUnixTimeSeconds() - used >= LastUsedResolution.TotalSeconds)
        {
            await NoteUseAsync(row, now, ct);
        }

        return (new AuthenticatedToken(row.Id, row.UserId), TokenRefusal.None);
    }

    // The last-used time is bookkeeping for the account page: when it cannot be written (SQLite busy with another writer past
    // its timeout), the request goes on and a later one writes it, rather than a valid token failing with a 500.
    private async Task NoteUseAsync(PersonalAccessToken row, DateTimeOffset now, CancellationToken ct)
    {
        var previous = row.LastUsedTime;
        row.LastUsedTime = now.ToUnixTimeSeconds();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // as it was, so that nothing else saved in this request tries again
            row.LastUsedTime = previous;
            db.Entry(row).State = EntityState.Unchanged;
            logger.LogWarning(e, "Could not record the use of token {TokenId}; the request goes on and a later one will", row.Id);
        }
    }

    /// <summary>A token name as stored: trimmed, control characters removed, at most <see cref="TokenFormat.MaxNameLength"/>; null when empty.</summary>
    public static string? NormalizeName(string? name)
    {
        var cleaned = new string((name ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (cleaned.Length > TokenFormat.MaxNameLength)
        {
            cleaned = cleaned[..TokenFormat.MaxNameLength].TrimEnd();
        }

        return cleaned.Length == 0 ? null : cleaned;
    }

    private static DateTimeOffset FromSeconds(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);
}
