using System.Security.Cryptography;
using System.Text;
using Gas.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Gas.Core.Embedded;

/// <summary>HMAC-SHA256 signatures for the embedded store's expiring URLs and upload policies.</summary>
public sealed class UrlSigner
{
    private readonly byte[] _key;

    public UrlSigner(IOptions<EmbeddedOptions> options)
    {
        var configured = options.Value.SigningKey;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _key = Encoding.UTF8.GetBytes(configured);
            return;
        }

        // No key configured: make one per data directory so URLs survive restarts but no two installs share one.
        // The file is 0600 in a 0700 folder: whoever reads it can forge download URLs and upload policies.
        var path = Path.Combine(PrivateFiles.CreateDirectory(options.Value.DataDirectory), "signing.key");
        PrivateFiles.TryWriteNew(path, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));

        _key = Encoding.UTF8.GetBytes(File.ReadAllText(path).Trim());
    }

    public string Sign(string payload) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload)));

    public bool Verify(string payload, string? signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(payload));
        var actual = Encoding.ASCII.GetBytes(signature.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
