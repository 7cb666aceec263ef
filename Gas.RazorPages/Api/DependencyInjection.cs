using System.Globalization;
using System.Threading.RateLimiting;
using Gas.Core;
using Gas.RazorPages.Api.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Gas.RazorPages.Api;

/// <summary>
/// The REST API under <see cref="ApiRoutes.Prefix"/>: personal access tokens as its only sign-in (cookies are ignored there,
/// so no antiforgery token is needed and none is accepted instead), Problem Details for every error, a rate limit per
/// token, and the OpenAPI document the framework generates, rendered by Scalar at <see cref="ApiRoutes.Docs"/>.
/// </summary>
public static class DependencyInjection
{
    public const string TokenPolicy = "ApiToken";
    public const string RateLimitPolicy = "PerToken";

    public static IServiceCollection AddGasApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ApiOptions>(configuration, ApiOptions.Section);
        services.AddScoped<PersonalAccessTokens>();
        services.AddProblemDetails();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, "Personal access token", null);
        services.AddAuthorizationBuilder().AddPolicy(TokenPolicy, policy => policy
            .AddAuthenticationSchemes(BearerTokenHandler.SchemeName)
            .RequireAuthenticatedUser());
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(RateLimitPolicy, context =>
            {
                var api = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
                var token = context.User.FindFirst(BearerTokenHandler.TokenIdClaim)?.Value ?? "";
                return RateLimitPartition.GetFixedWindowLimiter(token, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = api.PermitLimit,
                    Window = api.Window,
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (rejected, ct) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? wait
                    : rejected.HttpContext.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.Window;
                var seconds = (long)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ApiProblems.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, null,
                    $"This token has made too many requests; try again in {seconds} s.");
            };
        });
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith(ApiRoutes.Prefix[1..] + "/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<OpenApiBearerScheme>();
        });
        return services;
    }

    /// <summary>Problem Details under the API's prefix, then the per-token rate limit (after authorization, which names the token).</summary>
    public static IApplicationBuilder UseGasApi(this IApplicationBuilder app)
    {
        app.UseApiProblems();
        app.UseRateLimiter();
        return app;
    }

    public static IEndpointRouteBuilder MapGasApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(ApiRoutes.Prefix)
            .RequireAuthorization(TokenPolicy)
            .RequireRateLimiting(RateLimitPolicy)
            .WithTags("Jobs");
        api.MapJobs();
        api.MapJobResults();

        endpoints.MapOpenApi(ApiRoutes.OpenApiDocument).AllowAnonymous();
        endpoints.MapScalarApiReference(ApiRoutes.Docs, options => options
                .WithTitle("GAS REST API v1")
                .WithOpenApiRoutePattern(ApiRoutes.OpenApiDocument)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .WithNonce())
            .AllowAnonymous();
        return endpoints;
    }
}
