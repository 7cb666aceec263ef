using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Gas.RazorPages.Accounts;

/// <summary>
/// Registers the OpenID Connect scheme when <c>Gas:Accounts:Oidc:Authority</c> is set. The provider's answer lands in
/// Identity's external cookie; <see cref="ExternalSignIn"/> turns it into the local account's ordinary sign-in cookie,
/// so security-stamp checks and the plan's role claims work as for a password sign-in.
/// </summary>
public static class OidcSignIn
{
    /// <summary>The scheme's name; also the <c>LoginProvider</c> stored with each linked account.</summary>
    public const string Scheme = "oidc";

    public const string CallbackPath = "/signin-oidc";

    public static IServiceCollection AddOidcSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ExternalSignIn>();
        // Decided from the raw key so that registration never throws; the values themselves are validated on start.
        if (string.IsNullOrWhiteSpace(configuration[$"{OidcOptions.Section}:{nameof(OidcOptions.Authority)}"]))
        {
            return services;
        }

        services.AddAuthentication().AddOpenIdConnect(Scheme, _ => { });
        services.AddOptions<OpenIdConnectOptions>(Scheme).Configure<IOptions<AccountsOptions>>((options, accounts) => Configure(options, accounts.Value.Oidc));
        return services;
    }

    private static void Configure(OpenIdConnectOptions options, OidcOptions oidc)
    {
        options.Authority = oidc.Authority?.ToString();
        options.ClientId = oidc.ClientId;
        options.ClientSecret = oidc.ClientSecret;
        options.RequireHttpsMetadata = !oidc.IsLoopbackHttp;
        options.SignInScheme = IdentityConstants.ExternalScheme;
        options.CallbackPath = CallbackPath;
        options.ResponseType = OpenIdConnectResponseType.Code;
        // A plain redirect back: every provider supports it (form_post is an extension), and PKCE protects the code.
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.SaveTokens = false;
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = true;
        options.TokenValidationParameters.NameClaimType = "name";
        options.Scope.Clear();
        foreach (var scope in oidc.EffectiveScopes)
        {
            options.Scope.Add(scope);
        }

        options.ClaimActions.MapUniqueJsonKey(ExternalSignIn.EmailVerifiedClaim, ExternalSignIn.EmailVerifiedClaim);
        options.Events.OnRemoteFailure = context =>
        {
            // A refusal at the provider, an expired or replayed callback: a page that says so, not an error 500.
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSignIn))
                .LogWarning(context.Failure, "OpenID Connect sign-in did not complete");
            context.Response.Redirect($"{context.Request.PathBase}/Account/ExternalLogin?handler=Failed");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }
}
