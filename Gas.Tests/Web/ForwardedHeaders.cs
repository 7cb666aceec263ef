using System.Net;
using System.Net.Sockets;
using Gas.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace Gas.Tests.Web;

/// <summary>
/// <c>X-Forwarded-Proto</c> counts only from the proxies and networks in <c>Gas:Web</c>, and HSTS is decided after it, so a
/// request the load balancer took over HTTPS gets Strict-Transport-Security and a spoofed header from elsewhere does not.
/// Real Kestrel on loopback in the Production environment (where HSTS is on); requests come from 127.0.0.1.
/// </summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class ForwardedHeaders
{
    [TestMethod]
    public async Task AForwardedHttpsRequestFromAKnownProxyGetsHsts()
    {
        using var response = await GetThroughProxyAsync(new() { ["Gas:Web:KnownProxies:0"] = "127.0.0.1" });

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        StringAssert.StartsWith(response.Headers.GetValues("Strict-Transport-Security").Single(), "max-age=");
    }

    [TestMethod]
    public async Task TheSameHeaderFromOutsideTheKnownNetworksIsIgnored()
    {
        using var response = await GetThroughProxyAsync(new() { ["Gas:Web:KnownNetworks:0"] = "10.20.0.0/16" });

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.IsFalse(response.Headers.Contains("Strict-Transport-Security"), "the scheme stayed http");
    }

    [TestMethod]
    public void AMalformedNetworkStopsStartUpNamingTheKey()
    {
        using var app = new GasAppFactory(new Dictionary<string, string?> { ["Gas:Web:KnownNetworks:0"] = "10.20.0.0/99" });

        var error = Assert.ThrowsExactly<Microsoft.Extensions.Options.OptionsValidationException>(() => app.CreateClient());

        StringAssert.Contains(error.Message, "Gas:Web:KnownNetworks");
    }

    private static async Task<HttpResponseMessage> GetThroughProxyAsync(Dictionary<string, string?> settings)
    {
        var port = FreeLoopbackPort();
        using var factory = new GasAppFactory(settings);
        using var app = factory.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        app.StartServer();
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/");
        // HSTS is never sent for localhost names, so ask for the site by its public name.
        request.Headers.Host = "gas.example.org";
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        return await client.SendAsync(request);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
