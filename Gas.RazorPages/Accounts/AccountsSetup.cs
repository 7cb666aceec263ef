using System.Data.Common;
using System.Security.Cryptography;
using Gas.Core.Configuration;
using Gas.Core.Embedded;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Accounts;

/// <summary>Migrates the accounts schema, creates the roles and the first administrator before the app serves requests.</summary>
public sealed class AccountsSetup(
    IServiceProvider services, AccountsConnection connection, IOptions<AdminOptions> admin, IOptions<EmbeddedOptions> embedded,
    ILogger<AccountsSetup> logger)
{
    /// <summary>Where a generated administrator password is written (0600), never to the log.</summary>
    public string AdminPasswordFile => Path.GetFullPath(Path.Combine(embedded.Value.DataDirectory, "admin-password.txt"));

    /// <summary>
    /// Idempotent; retried because web and util processes starting together on one database can race to create
    /// the schema, a role or the administrator, and the loser of such a race simply finds it done on the next try.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SetUpAsync(cancellationToken);
                break;
            }
            catch (Exception e) when (attempt < 5 && e is DbException or DbUpdateException or InvalidOperationException)
            {
                logger.LogWarning(e, "Accounts set-up attempt {Attempt} failed; retrying", attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), cancellationToken);
            }
        }

        if (!KeyRing.IsEncrypted(services))
        {
            logger.LogWarning(
                "Data-protection keys (they sign cookies and antiforgery tokens) are stored unencrypted in {Location}; anyone who can read them can forge sign-ins. Set {Key} to a .pfx certificate to encrypt them",
                KeyRing.Describe(services), $"{AccountsOptions.Section}:{nameof(AccountsOptions.KeyRingCertificate)}");
        }
    }

    private async Task SetUpAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        if (connection.SqliteFile is { } file)
        {
            // Made 0600 (in a 0700 folder) before SQLite creates it, so no other account can read the password hashes.
            PrivateFiles.CreateFile(file);
        }

        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        await AccountsSchema.MigrateAsync(db, logger, cancellationToken);

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in GasRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<GasUser>>();
        var email = admin.Value.Email;
        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        var generated = string.IsNullOrEmpty(admin.Value.Password);
        var password = generated ? GeneratePassword() : admin.Value.Password!;
        if (generated)
        {
            // Written before the account exists, so a crash in between never leaves an administrator nobody can sign in as.
            File.Delete(AdminPasswordFile);
            PrivateFiles.TryWriteNew(AdminPasswordFile, password + "\n");
        }

        var user = new GasUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Administrator" };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Could not create the first administrator: " +
                string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRolesAsync(user, [GasRoles.Admin, GasRoles.Free]);
        if (generated)
        {
            logger.LogWarning(
                "Created the first administrator {Email}; its generated password is in {File}, readable only by this account. Sign in, then delete the file (set Gas:Admin:Password to choose the password instead)",
                email, AdminPasswordFile);
        }
        else
        {
            logger.LogInformation("Created the first administrator {Email} from configuration", email);
        }
    }

    private static string GeneratePassword() =>
        "Gas-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y') + "-9a";
}
