using Gas.Core;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Accounts;

/// <summary>Registers local accounts: ASP.NET Core Identity on EF Core.</summary>
public static class DependencyInjection
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AccountsOptions>(configuration, AccountsOptions.Section);
        services.AddValidatedOptions<AdminOptions>(configuration, AdminOptions.Section);
        services.AddAccountsDatabase(configuration);
        services.AddKeyRing(configuration);

        services.AddIdentity<GasUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Length plus zxcvbn's estimate (StrongPasswordValidator) instead of character-class rules: "Password1" has them all.
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<StrongPasswordValidator>();
        services.AddScoped<SignInTiming>();
        services.AddScoped<AccountEmails>();
        services.AddOidcSignIn(configuration);

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

        // Logging out changes the user's security stamp; a cookie whose stamp is older is refused on its next request.
        // Role changes (an upgrade, a cancellation) reach signed-in sessions the same way. Both are read from memory
        // (SignInStates), forgotten on every change this instance writes, re-read after Gas:Accounts:CookieRevalidationInterval.
        services.Replace(ServiceDescriptor.Scoped<ISecurityStampValidator, CachedSecurityStampValidator>());
        // After AddIdentity, so it runs after the framework's post-configuration has made the cookie's ticket format.
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, CachedTicketFormat.Installer>();

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
