using Gas.Cli.Api;
using Gas.Cli.Upload;

namespace Gas.Cli.Commands;

/// <summary>The token and service address from the environment (or <c>--url</c>), and the HTTP clients built on them.</summary>
public sealed class ApiSession : IDisposable
{
    public const string TokenVariable = "GAS_TOKEN";
    public const string UrlVariable = "GAS_URL";
    public const string DefaultUrl = "http://localhost:5000";

    private readonly HttpClient _api;
    private readonly HttpClient _store;

    private ApiSession(Uri baseUrl, string token, CliConsole console)
    {
        // redirects are followed for /results and /log: .NET drops the Authorization header on a redirect
        _api = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        // the store gets no token and no redirect following: its answer is the upload's outcome
        _store = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromHours(1) };
        Api = new GasApiClient(_api, baseUrl, token, console.Error);
        Store = new StoreUploader(_store);
    }

    public GasApiClient Api { get; }

    public StoreUploader Store { get; }

    /// <summary>The session, or a <see cref="CliException"/> naming what is missing or malformed.</summary>
    public static ApiSession Open(CliConsole console, string? urlOption)
    {
        var token = console.Environment(TokenVariable)?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            throw new CliException(ExitCodes.Error, $"{TokenVariable} is not set: create a personal access token on the service's /account page and export {TokenVariable}=<token>");
        }

        return new ApiSession(BaseUrl(console, urlOption), token, console);
    }

    /// <summary>The service's address from <c>--url</c>, else <c>GAS_URL</c>, else the local default; always ending in '/'.</summary>
    public static Uri BaseUrl(CliConsole console, string? urlOption)
    {
        var (text, source) = !string.IsNullOrWhiteSpace(urlOption) ? (urlOption, "--url")
            : console.Environment(UrlVariable) is { Length: > 0 } fromEnvironment ? (fromEnvironment, UrlVariable)
            : (DefaultUrl, "the default");
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException(ExitCodes.Error, $"{source} '{text}' is not an http(s) URL");
        }

        return url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
    }

    public void Dispose()
    {
        _api.Dispose();
        _store.Dispose();
    }
}
