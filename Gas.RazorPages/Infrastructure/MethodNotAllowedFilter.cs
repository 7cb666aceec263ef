using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gas.RazorPages.Infrastructure;

/// <summary>
/// A request whose method no handler of the page takes (POST to a page that only has <c>OnGet</c>) is 405 with an
/// <c>Allow</c> header, before antiforgery or model binding run; otherwise Razor Pages would render the page without a
/// handler and fail with 500.
/// </summary>
public sealed class MethodNotAllowedFilter : IAuthorizationFilter, IOrderedFilter
{
    /// <summary>Before the antiforgery check, so the answer does not depend on a token.</summary>
    public int Order => int.MinValue;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        if (context.ActionDescriptor is not CompiledPageActionDescriptor page)
        {
            return;
        }

        var allowed = AllowedMethods(page);
        var method = context.HttpContext.Request.Method;
        if (!allowed.Contains(method, StringComparer.OrdinalIgnoreCase))
        {
            context.HttpContext.Response.Headers.Allow = string.Join(", ", allowed);
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        }
    }

    /// <summary>The methods a page's handlers answer; GET also answers HEAD, and a page without handlers answers GET.</summary>
    public static IReadOnlyList<string> AllowedMethods(CompiledPageActionDescriptor page)
    {
        var methods = page.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        if (methods.Count == 0 || methods.Contains(HttpMethods.Get))
        {
            methods.Add(HttpMethods.Get);
            methods.Add(HttpMethods.Head);
        }

        return [.. methods.Order(StringComparer.Ordinal)];
    }
}
