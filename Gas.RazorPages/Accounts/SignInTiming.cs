using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;

namespace Gas.RazorPages.Accounts;

/// <summary>
/// Makes the answers that skip password hashing (no such account, account locked, address already registered) cost one
/// hash operation like the others, so response time does not tell which addresses have accounts.
/// </summary>
public sealed class SignInTiming(IPasswordHasher<GasUser> hasher)
{
    private static readonly GasUser Nobody = new() { Id = "nobody", UserName = "nobody" };

    // One hash per hasher type (tests may use a cheaper hasher), made once, so each call costs one verification only.
    private static readonly ConcurrentDictionary<Type, string> DummyHashes = new();

    /// <summary>Verifies the password against a hash no account has, as signing in to a real account would.</summary>
    public void SpendVerification(string password)
    {
        var hash = DummyHashes.GetOrAdd(hasher.GetType(), _ => hasher.HashPassword(Nobody, Guid.NewGuid().ToString()));
        hasher.VerifyHashedPassword(Nobody, hash, password);
    }

    /// <summary>Hashes the password and throws the hash away, as creating an account would.</summary>
    public void SpendHash(string password) => hasher.HashPassword(Nobody, password);
}
