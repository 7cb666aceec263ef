using Gas.Core;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gas.RazorPages.Accounts;

/// <summary>Registers local accounts: ASP.NET Core Identity on EF Core.</summary>
public static class DependencyInjection
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        var connection = configuration.GetConnectionString("Accounts");
        if (string.IsNullOrEmpty(connection))
        {
            var dataDirectory = configuration["Gas:Embedded:DataDirectory"] ?? ".data";
            Directory.CreateDirectory(dataDirectory);
            connection = $"Data Source={Path.Combine(dataDirectory, "accounts.db")}";
        }

        var postgres = connection.Contains("Host=", StringComparison.OrdinalIgnoreCase);
        services.AddDbContext<AccountsDbContext>(options =>
        {
            if (postgres)
            {
                options.UseNpgsql(connection);
            }
            else
            {
                options.UseSqlite(connection);
            }
        });
        services.AddDataProtection().SetApplicationName("GAS").PersistKeysToDbContext<AccountsDbContext>();
        services.AddValidatedOptions<AdminOptions>(configuration, AdminOptions.Section);

        services.AddIdentity<GasUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "gas.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
        });

        // Role changes (an upgrade, a cancellation) reach every signed-in session within a minute.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthorizationBuilder()
            .AddPolicy(GasPolicies.Premium, policy => policy.RequireRole(GasRoles.Premium))
            .AddPolicy(GasPolicies.Admin, policy => policy.RequireRole(GasRoles.Admin));

        services.AddSingleton<AccountsSetup>();
        return services;
    }

    /// <summary>Brings the accounts database up to date before anything (data protection included) reads it.</summary>
    public static Task InitializeAccountsAsync(this IServiceProvider services) =>
        services.GetRequiredService<AccountsSetup>().RunAsync();
}
