using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Accounts;

/// <summary>Creates the accounts schema, the roles and the first administrator before the app serves requests.</summary>
public sealed class AccountsSetup(IServiceProvider services, IOptions<AdminOptions> admin, ILogger<AccountsSetup> logger)
{
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
                return;
            }
            catch (Exception e) when (attempt < 5 && e is DbException or DbUpdateException or InvalidOperationException)
            {
                logger.LogWarning(e, "Accounts set-up attempt {Attempt} failed; retrying", attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), cancellationToken);
            }
        }
    }

    private async Task SetUpAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        await db.Database.EnsureCreatedAsync(cancellationToken);

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
            logger.LogWarning("Created the first administrator {Email} with generated password {Password} (set Gas:Admin:Password to choose one). It is shown only once.", email, password);
        }
        else
        {
            logger.LogInformation("Created the first administrator {Email} from configuration", email);
        }
    }

    private static string GeneratePassword() =>
        "Gas-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y') + "-9a";
}
