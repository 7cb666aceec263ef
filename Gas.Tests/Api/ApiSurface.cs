using System.Net;
using System.Text.Json;
using Gas.Tests.Support;

namespace Gas.Tests.Api;

/// <summary>The API as a whole: its OpenAPI document and docs page, Problem Details for every error, the per-token rate limit.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class ApiSurface
{
    private static readonly string[] Operations =
    [
        "post /api/v1/jobs/uploads", "post /api/v1/jobs", "get /api/v1/jobs", "get /api/v1/jobs/{id}", "get /api/v1/jobs/{id}/summary",
        "get /api/v1/jobs/{id}/variants", "get /api/v1/jobs/{id}/results", "get /api/v1/jobs/{id}/log", "post /api/v1/jobs/{id}/reannotate",
    ];

    [TestMethod]
    public async Task TheOpenApiDocumentListsEveryEndpointAndNothingElse()
    {
        using var app = new GasAppFactory();
        using var client = ApiSession.NewClient(app);

        using var document = JsonDocument.Parse(await client.GetStringAsync("/api/v1/openapi.json"));

        var root = document.RootElement;
        StringAssert.StartsWith(root.GetProperty("openapi").GetString(), "3.");
        var listed = root.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name} {path.Name}"))
            .Order(StringComparer.Ordinal).ToList();
        CollectionAssert.AreEquivalent(Operations, listed);
        Assert.AreEqual("bearer", root.GetProperty("components").GetProperty("securitySchemes").GetProperty("PersonalAccessToken").GetProperty("scheme").GetString());
        var variants = root.GetProperty("paths").GetProperty("/api/v1/jobs/{id}/variants").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        CollectionAssert.IsSubsetOf(new[] { "func", "exonicfunc", "gene", "chrom", "region", "gwas", "known", "q", "sort", "page", "pageSize" }, variants);
    }

    [TestMethod]
    public async Task TheDocsPageRendersTheDocumentUnderTheSitesContentSecurityPolicy()
    {
        using var app = new GasAppFactory();
        using var client = ApiSession.NewClient(app);

        using var entry = await client.GetAsync("/api/v1/docs");
        Assert.AreEqual(HttpStatusCode.Found, entry.StatusCode, "Scalar sends the bare path to its folder");
        using var page = await client.GetAsync(entry.Headers.Location);

        var html = await page.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.OK, page.StatusCode, html);
        StringAssert.Contains(html, "/api/v1/openapi.json");
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        Assert.IsFalse(string.IsNullOrEmpty(nonce), csp);
        StringAssert.Contains(html, $"nonce=\"{nonce}\"", "the inline script carries the response's nonce");
    }

    [TestMethod]
    public async Task EveryErrorIsAProblemDetailsDocument()
    {
        using var app = new GasAppFactory();
        using var api = await ApiSession.NewAsync(app);

        await ApiSession.AssertProblemAsync(await api.Client.GetAsync("/api/v1/nothing-here"), HttpStatusCode.NotFound);
        await ApiSession.AssertProblemAsync(await api.Client.GetAsync($"/api/v1/jobs/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await ApiSession.AssertProblemAsync(await api.Client.GetAsync("/api/v1/jobs/not-a-job"), HttpStatusCode.NotFound);
        using var wrongMethod = await api.Client.DeleteAsync("/api/v1/jobs");
        await ApiSession.AssertProblemAsync(wrongMethod, HttpStatusCode.MethodNotAllowed);
        CollectionAssert.AreEquivalent(new[] { "GET", "POST" }, wrongMethod.Content.Headers.Allow.ToList());
        using var anonymous = ApiSession.NewClient(app);
        await ApiSession.AssertProblemAsync(await anonymous.GetAsync("/api/v1/jobs"), HttpStatusCode.Unauthorized);
    }

    [TestMethod]
    public async Task ATokenOverItsRateLimitGets429WithRetryAfterWhileOtherTokensGoOn()
    {
        using var app = new GasAppFactory(new Dictionary<string, string?>
        {
            ["Gas:Api:PermitLimit"] = "3",
            // a window far longer than the test, so no window ends between its requests
            ["Gas:Api:Window"] = "01:00:00",
        });
        using var busy = await ApiSession.NewAsync(app);
        using var quiet = await ApiSession.NewAsync(app);

        for (var i = 0; i < 3; i++)
        {
            Assert.AreEqual(HttpStatusCode.OK, (await busy.Client.GetAsync("/api/v1/jobs")).StatusCode, $"request {i + 1} of 3");
        }

        using var limited = await busy.Client.GetAsync("/api/v1/jobs");
        using var other = await quiet.Client.GetAsync("/api/v1/jobs");

        var problem = await ApiSession.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.IsTrue(retryAfter is > 0 and <= 3600, $"Retry-After: {retryAfter}");
        StringAssert.Contains(problem.GetProperty("detail").GetString(), "too many requests");
        Assert.AreEqual(HttpStatusCode.OK, other.StatusCode, "the limit is per token");
    }
}
