using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gas.Core.Embedded;
using Gas.Core.Jobs;
using Gas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Accounts;

/// <summary>Secrets and data in the data directory are readable by the service's own account only; the key ring can be encrypted.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
[UnsupportedOSPlatform("windows")]
public sealed class PrivateData
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode Secret = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [TestMethod]
    public async Task DataFoldersAre0700AndSecretsAndDatabases0600()
    {
        using var app = new GasAppFactory(new Dictionary<string, string?> { ["Gas:Admin:Password"] = null });
        using var session = app.NewSession();
        await session.RegisterAsync();
        app.Services.GetRequiredService<UrlSigner>();
        app.Services.GetRequiredService<IJobStore>();
        var data = app.DataDirectory;

        Assert.AreEqual(Folder, File.GetUnixFileMode(data), "data directory");
        Assert.AreEqual(Folder, File.GetUnixFileMode(Path.Combine(data, "keys")), "key ring folder");
        Assert.AreEqual(Folder, File.GetUnixFileMode(Path.Combine(data, "mail")), "mail folder");
        foreach (var file in new[] { "signing.key", "admin-password.txt", "accounts.db", "gas.db" })
        {
            Assert.AreEqual(Secret, File.GetUnixFileMode(Path.Combine(data, file)), file);
        }

        var keys = Directory.GetFiles(Path.Combine(data, "keys"), "*.xml");
        Assert.IsNotEmpty(keys, "signing in made a key");
        foreach (var key in keys)
        {
            Assert.AreEqual(Secret, File.GetUnixFileMode(key), key);
        }

        using var admin = app.NewSession();
        await admin.LoginAsync(GasAppFactory.AdminEmail, (await File.ReadAllTextAsync(Path.Combine(data, "admin-password.txt"))).Trim());
    }

    [TestMethod]
    public async Task AnOlderDataDirectoryIsTightened()
    {
        var data = Paths.NewTempDirectory();
        File.SetUnixFileMode(data, Folder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var key = Path.Combine(data, "signing.key");
        await File.WriteAllTextAsync(key, "0123456789abcdef0123456789abcdef");
        File.SetUnixFileMode(key, Secret | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        using var app = new GasAppFactory(new Dictionary<string, string?> { ["Gas:Embedded:DataDirectory"] = data });

        app.Services.GetRequiredService<UrlSigner>();

        Assert.AreEqual(Folder, File.GetUnixFileMode(data));
        Assert.AreEqual(Secret, File.GetUnixFileMode(key));
    }

    [TestMethod]
    public async Task ACertificateFromConfigurationEncryptsTheKeyRing()
    {
        var pfx = Path.Combine(Paths.NewTempDirectory(), "keyring.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=GAS key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test-pfx-password"));
        }

        using var app = new GasAppFactory(new Dictionary<string, string?>
        {
            ["Gas:Accounts:KeyRingCertificate"] = pfx,
            ["Gas:Accounts:KeyRingCertificatePassword"] = "test-pfx-password",
        });
        using var session = app.NewSession();
        await session.RegisterAsync();

        var keys = Directory.GetFiles(Path.Combine(app.DataDirectory, "keys"), "*.xml").Select(File.ReadAllText).ToList();
        Assert.IsNotEmpty(keys);
        foreach (var key in keys)
        {
            StringAssert.Contains(key, "encryptedSecret");
            Assert.DoesNotContain("<masterKey", key);
        }
    }
}
