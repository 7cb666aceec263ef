namespace Gas.RazorPages.Api;

/// <summary>Where the REST API lives, and absolute links for its answers.</summary>
public static class ApiRoutes
{
    public const string Prefix = "/api/v1";
    public const string OpenApiDocument = Prefix + "/openapi.json";
    public const string Docs = Prefix + "/docs";

    /// <summary><paramref name="pathOrUrl"/> as an absolute URL on the address the client used (forwarded headers applied).</summary>
    public static Uri Absolute(HttpRequest request, string pathOrUrl)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute
            : new Uri(new Uri($"{request.Scheme}://{request.Host}"), request.PathBase + pathOrUrl);
    }

    public static Uri Absolute(HttpRequest request, Uri url) => Absolute(request, url.ToString());

    public static string Job(string id) => $"{Prefix}/jobs/{id}";
}
