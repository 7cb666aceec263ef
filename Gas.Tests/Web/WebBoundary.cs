using System.Net;
using Gas.Tests.Support;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Web;

/// <summary>What every response carries, what each method may do, and what a process without the web role serves.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class WebBoundary
{
    private static GasAppFactory _app = null!;

    [ClassInitialize]
    public static void Start(TestContext _) => _app = new GasAppFactory();

    [ClassCleanup]
    public static void Stop() => _app.Dispose();

    [TestMethod]
    [DataRow("/")]
    [DataRow("/Account/Login")]
    [DataRow("/health")]
    [DataRow("/no-such-page")]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path)
    {
        using var anonymous = _app.NewSession();

        using var response = await anonymous.Client.GetAsync(path);

        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        foreach (var directive in new[] { "default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "form-action 'self'" })
        {
            StringAssert.Contains(csp, directive, path);
        }

        Assert.DoesNotContain("unsafe", csp, path);
        Assert.AreEqual("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single(), path);
        Assert.AreEqual("DENY", response.Headers.GetValues("X-Frame-Options").Single(), path);
        Assert.AreEqual("same-origin", response.Headers.GetValues("Referrer-Policy").Single(), path);
    }

    [TestMethod]
    public async Task PostingToEveryGetOnlyPageIs405WithAnAllowHeader()
    {
        using var admin = _app.NewSession();
        await admin.LoginAsync(GasAppFactory.AdminEmail, GasAppFactory.AdminPassword);
        // A valid token (from the logout form), so only the verb can refuse the post.
        var token = BrowserSession.AntiforgeryToken(await admin.Client.GetStringAsync("/Account/Logout"));
        var getOnly = await GetOnlyPageRoutesAsync();
        Assert.IsGreaterThanOrEqualTo(10, getOnly.Count, string.Join(", ", getOnly));

        foreach (var route in getOnly)
        {
            var path = "/" + route.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
            foreach (var withToken in new[] { true, false })
            {
                var form = withToken ? new Dictionary<string, string> { ["__RequestVerificationToken"] = token } : [];
                using var response = await admin.Client.PostAsync(path, new FormUrlEncodedContent(form));
                Assert.AreEqual(HttpStatusCode.MethodNotAllowed, response.StatusCode, $"POST {path} (token: {withToken})");
                CollectionAssert.AreEquivalent(new[] { "GET", "HEAD" }, response.Content.Headers.Allow.ToArray(), path);
            }
        }
    }

    [TestMethod]
    public async Task WithOnlyTheUtilRoleTheProcessServesHealthAndNothingElse()
    {
        using var util = new GasAppFactory(new Dictionary<string, string?> { ["Gas:Roles"] = "util" });
        using var client = util.NewSession().Client;

        Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        foreach (var path in new[] { "/", "/Account/Login", "/annotate", "/dev/mailbox", "/admin/jobs", "/_store/gas-inputs/x/y?expires=1&filename=y&signature=0" })
        {
            Assert.AreEqual(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode, path);
        }

        using var upload = new MultipartFormDataContent { { new StringContent("x"), "file", "a.vcf" } };
        Assert.AreEqual(HttpStatusCode.NotFound, (await client.PostAsync("/_store/gas-inputs", upload)).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await client.PostAsync(Gas.RazorPages.Plans.PaymentWebhook.Path, new StringContent("{}"))).StatusCode);
    }

    /// <summary>The route templates of every page none of whose handlers takes POST, read from the app's compiled pages.</summary>
    private static async Task<List<string>> GetOnlyPageRoutesAsync()
    {
        var loader = _app.Services.GetRequiredService<PageLoader>();
        var pages = _app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>();
        var routes = new List<string>();
        foreach (var page in pages)
        {
            var compiled = await loader.LoadAsync(page, EndpointMetadataCollection.Empty);
            if (compiled.HandlerMethods.All(h => !h.HttpMethod.Equals("Post", StringComparison.OrdinalIgnoreCase)))
            {
                routes.Add(page.AttributeRouteInfo!.Template!);
            }
        }

        return routes;
    }
}
