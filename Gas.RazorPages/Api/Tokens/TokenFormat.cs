using System.Security.Cryptography;
using System.Text;

namespace Gas.RazorPages.Api.Tokens;

/// <summary>
/// What a personal access token looks like: <c>gas_</c> followed by the base64url (no padding) of 32 random bytes, 47
/// characters in all. 256 random bits need no salt or slow hash: the database keeps their SHA-256, which cannot be turned
/// back into a token, and lookup by that hash is a single indexed read.
/// </summary>
public static class TokenFormat
{
    public const string Prefix = "gas_";
    public const int RandomBytes = 32;
    public const int MaxNameLength = 100;

    /// <summary><see cref="Prefix"/> plus 43 base64url characters.</summary>
    public static readonly int Length = Prefix.Length + Base64UrlLength(RandomBytes);

    public static string NewToken() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(RandomBytes));

    /// <summary>Whether <paramref name="token"/> has the token's shape (prefix, length, alphabet); says nothing of whether it is valid.</summary>
    public static bool IsWellFormed(string? token) =>
        token is not null && token.Length == Length && token.StartsWith(Prefix, StringComparison.Ordinal)
        && token.AsSpan(Prefix.Length).IndexOfAnyExcept(Base64UrlAlphabet) < 0;

    /// <summary>Lower-case hex SHA-256 of the token's UTF-8 bytes: what the database stores and looks up.</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    private static readonly System.Buffers.SearchValues<char> Base64UrlAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static int Base64UrlLength(int bytes) => (bytes * 4 + 2) / 3;
}
