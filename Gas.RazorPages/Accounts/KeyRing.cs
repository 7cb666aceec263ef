using Gas.Core.Configuration;
using Gas.Core.Embedded;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Accounts;

/// <summary>
/// The data-protection key ring, which signs and encrypts cookies and antiforgery tokens. With PostgreSQL it lives in
/// the accounts database, shared by every web instance; with SQLite in <c>keys/</c> of the data directory (0700, files
/// 0600). A certificate from <c>Gas:Accounts:KeyRingCertificate</c> encrypts the keys at rest; without one a warning says so.
/// </summary>
public static class KeyRing
{
    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("GAS");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = Repository(sp)));

        // Read raw at registration (ProtectKeysWithCertificate needs the certificate now); a missing or unreadable
        // certificate is reported by AccountsOptions' validation before anything uses the key ring.
        var path = configuration[$"{AccountsOptions.Section}:{nameof(AccountsOptions.KeyRingCertificate)}"];
        var password = configuration[$"{AccountsOptions.Section}:{nameof(AccountsOptions.KeyRingCertificatePassword)}"];
        if (!string.IsNullOrEmpty(path) && AccountsOptions.TryLoadKeyRingCertificate(path, password, out var certificate) is null)
        {
            dataProtection.ProtectKeysWithCertificate(certificate!);
        }

        return services;
    }

    /// <summary>Where the keys are, for the start-up warning when they are not encrypted.</summary>
    public static string Describe(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<AccountsConnection>().Provider == AccountsProvider.Postgres
            ? "the accounts database (table DataProtectionKeys)"
            : KeyFolder(services);
    }

    /// <summary>True when a certificate encrypts the keys at rest.</summary>
    public static bool IsEncrypted(IServiceProvider services) =>
        services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlEncryptor is not null;

    private static IXmlRepository Repository(IServiceProvider services)
    {
        var loggers = services.GetRequiredService<ILoggerFactory>();
        return services.GetRequiredService<AccountsConnection>().Provider == AccountsProvider.Postgres
            ? new EntityFrameworkCoreXmlRepository<AccountsDbContext>(services, loggers)
            : new PrivateFileXmlRepository(new FileSystemXmlRepository(new DirectoryInfo(PrivateFiles.CreateDirectory(KeyFolder(services))), loggers));
    }

    private static string KeyFolder(IServiceProvider services) =>
        Path.GetFullPath(Path.Combine(services.GetRequiredService<IOptions<EmbeddedOptions>>().Value.DataDirectory, "keys"));

    /// <summary>The framework's file repository, with every key file it writes made 0600.</summary>
    private sealed class PrivateFileXmlRepository(FileSystemXmlRepository files) : IXmlRepository
    {
        public IReadOnlyCollection<System.Xml.Linq.XElement> GetAllElements() => files.GetAllElements();

        public void StoreElement(System.Xml.Linq.XElement element, string friendlyName)
        {
            files.StoreElement(element, friendlyName);
            foreach (var file in files.Directory.EnumerateFiles("*.xml"))
            {
                PrivateFiles.Tighten(file.FullName);
            }
        }
    }
}
