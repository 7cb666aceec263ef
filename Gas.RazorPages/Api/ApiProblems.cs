using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Gas.RazorPages.Api;

/// <summary>
/// Every error under <see cref="ApiRoutes.Prefix"/> is RFC 9457 Problem Details: the status-code pages (HTML) are turned off
/// there, a bodiless error (no route: 404, wrong method: 405) gets a problem body, and an unhandled exception a 500 problem.
/// </summary>
public static class ApiProblems
{
    public static ProblemHttpResult Problem(int status, string detail, string? title = null, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = status,
            Title = title ?? ReasonPhrases.GetReasonPhrase(status),
            Detail = detail,
            Extensions = extensions ?? new Dictionary<string, object?>(),
        });

    /// <summary>A refusal that an upgrade to Premium lifts: the problem names the page to upgrade on.</summary>
    public static ProblemHttpResult UpgradeRequired(HttpRequest request, int status, string detail) =>
        Problem(status, detail, extensions: new Dictionary<string, object?> { ["upgradeUrl"] = ApiRoutes.Absolute(request, "/subscribe").ToString() });

    public static Task WriteAsync(HttpContext context, int status, string? title, string detail) =>
        Problem(status, detail, title).ExecuteAsync(context);

    public static IApplicationBuilder UseApiProblems(this IApplicationBuilder app) =>
        app.Use(next => async context =>
        {
            if (!context.Request.Path.StartsWithSegments(ApiRoutes.Prefix, StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }

            if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            try
            {
                await next(context);
            }
            catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiProblems))
                    .LogError(e, "API request {Method} {Path} failed", context.Request.Method, context.Request.Path);
                context.Response.Clear();
                await WriteAsync(context, StatusCodes.Status500InternalServerError, null, "The request failed on the server; please try again.");
                return;
            }

            var response = context.Response;
            if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
            {
                await WriteAsync(context, response.StatusCode, null, response.StatusCode switch
                {
                    StatusCodes.Status404NotFound => "There is nothing at this address.",
                    StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed here; see the Allow header.",
                    _ => ReasonPhrases.GetReasonPhrase(response.StatusCode),
                });
            }
        });
}
