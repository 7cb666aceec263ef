using System.ComponentModel.DataAnnotations;
using Gas.RazorPages.Accounts;

namespace Gas.RazorPages.Api.Tokens;

/// <summary>
/// A personal access token for the REST API, as the accounts database keeps it: the SHA-256 of the token, never the token
/// itself. Times are UTC epoch seconds, as elsewhere in the accounts database.
/// </summary>
public sealed class PersonalAccessToken
{
    [Key, MaxLength(36)]
    public required string Id { get; init; }

    /// <summary>The owner (Identity's user id, the same column type as <c>AspNetUsers.Id</c>).</summary>
    public required string UserId { get; init; }

    public GasUser? User { get; init; }

    [MaxLength(TokenFormat.MaxNameLength)]
    public required string Name { get; init; }

    /// <summary>Lower-case hex SHA-256 of the whole token (<c>gas_…</c>); unique.</summary>
    [MaxLength(64)]
    public required string TokenHash { get; init; }

    public long CreatedTime { get; init; }

    public long ExpiresTime { get; init; }

    /// <summary>When a request last authenticated with it (updated at most once a minute); null when never used.</summary>
    public long? LastUsedTime { get; set; }

    /// <summary>When its owner revoked it; a revoked token never authenticates again.</summary>
    public long? RevokedTime { get; set; }
}
