using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Accounts;

/// <summary>Which database engine holds the accounts.</summary>
public enum AccountsProvider
{
    /// <summary>A file in the data directory (local mode).</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (RDS in AWS), shared by every web and util instance.</summary>
    Postgres,
}

/// <summary>
/// Section <c>Gas:Accounts</c>: the accounts database's engine (its connection string is <c>ConnectionStrings:Accounts</c>),
/// how sign-in cookies are re-checked, and the certificate that encrypts the data-protection key ring.
/// </summary>
public sealed class AccountsOptions : IValidatableObject
{
    public const string Section = "Gas:Accounts";

    /// <summary><c>sqlite</c> (default; <c>accounts.db</c> in the data directory unless a connection string is given) or <c>postgres</c>.</summary>
    public AccountsProvider Provider { get; set; } = AccountsProvider.Sqlite;

    /// <summary>
    /// Every signed-in request's cookie is checked against the user's security stamp and roles; this is how long a web
    /// instance keeps them in memory before reading them from the database again. A change this instance writes (logout,
    /// password change, plan change) applies to its next request at once whatever the interval; a change written by another
    /// instance applies here within the interval, so a cookie replayed after logging out on instance A works on instance B
    /// for at most this long. Zero reads the database on every request.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan CookieRevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A PKCS#12 (.pfx) file whose certificate encrypts the data-protection keys at rest; unencrypted (with a warning) when empty.</summary>
    public string? KeyRingCertificate { get; set; }

    public string? KeyRingCertificatePassword { get; set; }

    /// <summary>Sign-in through an OpenID Connect provider beside local accounts (<see cref="OidcOptions"/>); off when absent.</summary>
    [ValidateObjectMembers]
    public OidcOptions Oidc { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(KeyRingCertificate))
        {
            yield break;
        }

        var problem = TryLoadKeyRingCertificate(KeyRingCertificate, KeyRingCertificatePassword, out var certificate);
        certificate?.Dispose();
        if (problem is not null)
        {
            yield return new ValidationResult($"{Section}:{nameof(KeyRingCertificate)}: {problem}", [nameof(KeyRingCertificate)]);
        }
    }

    /// <summary>The certificate with its private key, or the reason it cannot encrypt and decrypt the key ring.</summary>
    public static string? TryLoadKeyRingCertificate(string path, string? password, out X509Certificate2? certificate)
    {
        certificate = null;
        if (!File.Exists(path))
        {
            return $"no file at '{path}'.";
        }

        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            return certificate.HasPrivateKey ? null : $"'{path}' holds no private key, so the keys it encrypts could not be read back.";
        }
        catch (CryptographicException e)
        {
            return $"'{path}' is not a readable PKCS#12 file (wrong Gas:Accounts:KeyRingCertificatePassword?): {e.Message}";
        }
    }
}
