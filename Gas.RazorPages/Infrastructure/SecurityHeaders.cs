namespace Gas.RazorPages.Infrastructure;

/// <summary>
/// Headers every response carries: a Content-Security-Policy (scripts, styles and forms from this site only; no framing),
/// <c>X-Content-Type-Options: nosniff</c>, <c>X-Frame-Options: DENY</c> for older browsers, and a Referrer-Policy that
/// keeps URLs (signed ones included) from other sites. A page whose form posts elsewhere (straight to S3) names that origin.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Stripe Checkout: the subscribe form's POST redirects there, and browsers hold redirects to form-action.</summary>
    public const string StripeCheckout = "https://checkout.stripe.com";

    /// <summary>The Hangfire dashboard styles its pages with inline style attributes.</summary>
    private const string DashboardPath = "/admin/jobs";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(next => context =>
        {
            var targets = new FormTargets();
            context.Features.Set(targets);
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // The API's documentation page (Scalar) styles itself inline and runs one inline script, carrying a fresh nonce.
                var docs = context.Request.Path.StartsWithSegments(Api.ApiRoutes.Docs);
                var nonce = docs ? context.Items[Scalar.AspNetCore.ScalarOptions.NonceHttpContextItemKey] as string : null;
                headers.ContentSecurityPolicy = Policy(context.Request.Path.StartsWithSegments(DashboardPath) || docs, targets.Origins, nonce);
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });

    /// <summary>Lets this response's forms post to <paramref name="target"/>'s origin (a relative URL is this site already).</summary>
    public static void AllowFormTarget(this HttpContext context, Uri target)
    {
        if (target.IsAbsoluteUri && context.Features.Get<FormTargets>() is { } targets)
        {
            targets.Origins.Add(target.GetLeftPart(UriPartial.Authority));
        }
    }

    internal static string Policy(bool inlineStyles, IEnumerable<string> formTargets, string? scriptNonce = null) => string.Join("; ",
        "default-src 'self'",
        scriptNonce is null ? "script-src 'self'" : $"script-src 'self' 'nonce-{scriptNonce}'",
        inlineStyles ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        string.Join(' ', new[] { "form-action 'self'", StripeCheckout }.Concat(formTargets.Distinct(StringComparer.Ordinal))));

    private sealed class FormTargets
    {
        public List<string> Origins { get; } = [];
    }
}
