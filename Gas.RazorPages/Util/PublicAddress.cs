using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Util;

/// <summary>
/// The address links in emails point at: <c>Gas:Util:PublicBaseUrl</c> when set, otherwise the address this process
/// really listens on (Kestrel's bound addresses, a wildcard host read as <c>localhost</c>), otherwise
/// <c>http://localhost:5000</c> (a process that serves no HTTP, or an in-memory test server).
/// </summary>
public sealed class PublicAddress(IOptions<UtilOptions> options, IServer server)
{
    public static readonly Uri Fallback = new("http://localhost:5000");

    public Uri Base => options.Value.PublicBaseUrl ?? Listening() ?? Fallback;

    /// <summary>An absolute link to <paramref name="pathAndQuery"/> on this site.</summary>
    public Uri Link(string pathAndQuery) => new(Base, pathAndQuery);

    private Uri? Listening()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        // Prefer https when the server offers both; Kestrel reports the real port even when 0 was configured.
        var chosen = addresses.OrderByDescending(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase)).FirstOrDefault();
        if (chosen is null)
        {
            return null;
        }

        var builder = new UriBuilder(chosen.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (builder.Host is "0.0.0.0" or "[::]" or "::")
        {
            builder.Host = "localhost";
        }

        builder.Path = "/";
        return builder.Uri;
    }
}
