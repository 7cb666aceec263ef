using System.Net;
using Gas.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Gas.Tests.Accounts;

/// <summary>
/// OIDC sign-in behind the load balancer: real Kestrel on loopback in the Production environment, requests from a known
/// proxy with <c>X-Forwarded-Proto: https</c> and the public Host, and the real provider (oidc-provider) at the other end.
/// </summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class OidcSignInBehindProxy
{
    /// <summary>Behind the load balancer (a known proxy, X-Forwarded-Proto: https, the public Host) the provider is told the public callback.</summary>
    [TestMethod]
    public async Task BehindTheProxyTheProviderIsGivenThePublicCallbackAndAcceptsIt()
    {
        var settings = OidcTestProvider.Settings();
        settings["Gas:Web:KnownProxies:0"] = "127.0.0.1";
        var port = FreeLoopbackPort();
        using var factory = new GasAppFactory(settings);
        using var app = factory.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        app.StartServer();
        // The cookies are Secure (the app believes the request came over HTTPS), so they are carried by hand over loopback HTTP.
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        var cookies = new Dictionary<string, string>();

        using var login = await SendThroughProxyAsync(client, HttpMethod.Get, $"http://127.0.0.1:{port}/Account/Login", cookies);
        var html = await login.Content.ReadAsStringAsync();
        using var challenge = await SendThroughProxyAsync(client, HttpMethod.Post, $"http://127.0.0.1:{port}/Account/ExternalLogin", cookies,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = BrowserSession.AntiforgeryToken(html) }));

        Assert.AreEqual(HttpStatusCode.Redirect, challenge.StatusCode, await challenge.Content.ReadAsStringAsync());
        var authorize = challenge.Headers.Location!;
        StringAssert.StartsWith(authorize.ToString(), settings["Gas:Accounts:Oidc:Authority"]);
        // The handler pushes the authorization request (PAR), so the callback travels in the back channel, not in this
        // URL; where the provider sends the browser in the end shows what it was given and accepted.
        using var provider = OidcTestProvider.NewProviderBrowser();
        var callback = await OidcTestProvider.FollowAsync(provider, authorize, OidcTestProvider.VerifiedAccount);
        Assert.AreEqual("https://gas.example.org/signin-oidc", callback.GetLeftPart(UriPartial.Path));
        StringAssert.Contains(callback.Query, "code=");
    }

    private static async Task<HttpResponseMessage> SendThroughProxyAsync(
        HttpClient client, HttpMethod method, string url, Dictionary<string, string> cookies, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Host = "gas.example.org";
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await client.SendAsync(request);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = header.Split(';')[0].Split('=', 2);
            cookies[pair[0]] = pair[1];
        }

        return response;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
