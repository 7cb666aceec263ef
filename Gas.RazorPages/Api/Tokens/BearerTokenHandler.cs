using System.Security.Claims;
using System.Text.Encodings.Web;
using Gas.RazorPages.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gas.RazorPages.Api.Tokens;

/// <summary>
/// <c>Authorization: Bearer gas_…</c> on the REST API. The principal is the one the pages build for the user (Identity's
/// claims factory: id, name, roles read fresh from the accounts database on every request, so a plan change applies at
/// once) plus the token's id. The scheme answers only under <see cref="ApiRoutes.Prefix"/>: a page requested with a token
/// and no cookie is anonymous.
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    PersonalAccessTokens tokens, UserManager<GasUser> users, IUserClaimsPrincipalFactory<GasUser> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "GasToken";

    /// <summary>The claim carrying the token's id (the rate limiter partitions by it).</summary>
    public const string TokenIdClaim = "gas:token_id";

    private const string RefusalItem = "gas:token_refusal";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Path.StartsWithSegments(ApiRoutes.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var (token, refusal) = await tokens.AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        var user = token is null ? null : await users.FindByIdAsync(token.UserId);
        if (token is null || user is null)
        {
            Context.Items[RefusalItem] = token is null ? refusal : TokenRefusal.Unknown;
            return AuthenticateResult.Fail("The bearer token is not valid.");
        }

        var principal = await principals.CreateAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(TokenIdClaim, token.TokenId));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>401 as Problem Details, with the RFC 6750 challenge saying why.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var refusal = Context.Items[RefusalItem] as TokenRefusal?;
        var detail = refusal switch
        {
            TokenRefusal.Expired => "The token has expired. Create a new one on your account page.",
            TokenRefusal.Revoked => "The token has been revoked. Create a new one on your account page.",
            TokenRefusal.Unknown => "The token is not valid.",
            _ => "This API needs a personal access token: send 'Authorization: Bearer gas_…' (create one on your account page).",
        };
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = refusal is null
            ? "Bearer realm=\"GAS\""
            : $"Bearer realm=\"GAS\", error=\"invalid_token\", error_description=\"{detail}\"";
        await ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "This token may not do that.");
}
