using System.Net;
using Gas.Tests.Support;

namespace Gas.Tests.Web;

/// <summary>Who may open what: anonymous visitors see only the home page; a job is visible to its owner alone.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class Authorization
{
    private static GasAppFactory _app = null!;
    private static BrowserSession _owner = null!;
    private static string _jobId = "";

    [ClassInitialize]
    public static async Task Start(TestContext _)
    {
        _app = new GasAppFactory();
        _owner = _app.NewSession();
        await _owner.RegisterAsync();
        _jobId = await _owner.SubmitJobAsync("test.vcf", await File.ReadAllBytesAsync(Paths.Sample("test.vcf")));
        Assert.AreEqual("COMPLETED", await _owner.WaitForFinishedAsync(_jobId));
    }

    [ClassCleanup]
    public static void Stop()
    {
        _owner.Dispose();
        _app.Dispose();
    }

    private static IEnumerable<string> JobRoutes(string id) =>
    [
        $"/annotations/{id}",
        $"/annotations/{id}/input",
        $"/annotations/{id}/results",
        $"/annotations/{id}/log",
        $"/annotations/{id}?handler=Status",
    ];

    [TestMethod]
    public async Task AnonymousVisitorsSeeOnlyTheHomePageAndAreSentToLogInElsewhere()
    {
        using var anonymous = _app.NewSession();
        Assert.AreEqual(HttpStatusCode.OK, (await anonymous.Client.GetAsync("/")).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await anonymous.Client.GetAsync("/Account/Login")).StatusCode);
        foreach (var path in JobRoutes(_jobId).Concat(["/annotate", "/annotations", "/account", $"/annotate/job?bucket=gas-inputs&key=x"]))
        {
            var response = await anonymous.Client.GetAsync(path);
            Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, path);
            StringAssert.StartsWith(response.Headers.Location!.AbsolutePath, "/Account/Login", path);
        }
    }

    [TestMethod]
    public async Task AnotherUsersJobIsNotFoundOnEveryJobRoute()
    {
        using var other = _app.NewSession();
        await other.RegisterAsync();
        foreach (var path in JobRoutes(_jobId))
        {
            var response = await other.Client.GetAsync(path);
            Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode, path);
            Assert.IsFalse((await response.Content.ReadAsStringAsync()).Contains("test.vcf", StringComparison.Ordinal), path);
        }

        var unknown = Guid.NewGuid().ToString();
        foreach (var path in JobRoutes(unknown).Concat(JobRoutes("not-a-job-id")))
        {
            Assert.AreEqual(HttpStatusCode.NotFound, (await other.Client.GetAsync(path)).StatusCode, path);
        }
    }

    [TestMethod]
    public async Task TheOwnerOpensEveryJobRoute()
    {
        var details = await PageAsync($"/annotations/{_jobId}");
        StringAssert.Contains(details, $"<dd>{_jobId}</dd>");
        StringAssert.Contains(details, "data-status=\"COMPLETED\"");
        StringAssert.Contains(details, $"href=\"/annotations/{_jobId}/results\"");

        CollectionAssert.AreEqual(await File.ReadAllBytesAsync(Paths.Sample("test.vcf")), await DownloadAsync($"/annotations/{_jobId}/input"),
            "the input as uploaded");
        var results = System.Text.Encoding.UTF8.GetString(await DownloadAsync($"/annotations/{_jobId}/results"));
        StringAssert.StartsWith(results, "##fileformat=VCF");
        StringAssert.Contains(results, "##INFO=<ID=GAS_", "the annotated VCF, not the input");
        StringAssert.Contains(await PageAsync($"/annotations/{_jobId}/log"), "Variants:");
        StringAssert.Contains(await PageAsync($"/annotations/{_jobId}?handler=Status"), "\"status\":\"COMPLETED\"");
    }

    /// <summary>A page the owner gets with 200.</summary>
    private static async Task<string> PageAsync(string path)
    {
        using var response = await _owner.Client.GetAsync(path);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, path);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>A file route: a redirect to a signed URL that serves the file.</summary>
    private static async Task<byte[]> DownloadAsync(string path)
    {
        using var redirect = await _owner.Client.GetAsync(path);
        Assert.AreEqual(HttpStatusCode.Redirect, redirect.StatusCode, path);
        using var file = await _owner.Client.GetAsync(redirect.Headers.Location);
        Assert.AreEqual(HttpStatusCode.OK, file.StatusCode, $"{path} → {redirect.Headers.Location}");
        return await file.Content.ReadAsByteArrayAsync();
    }

    [TestMethod]
    public async Task FormsWithoutAnAntiforgeryTokenAreRejected()
    {
        using var anonymous = _app.NewSession();
        var login = await anonymous.Client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = GasAppFactory.AdminEmail,
            ["Input.Password"] = GasAppFactory.AdminPassword,
        }));
        Assert.AreEqual(HttpStatusCode.BadRequest, login.StatusCode);

        var register = await anonymous.Client.PostAsync("/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "forged@example.org",
            ["Input.Password"] = "Passw0rd-Test",
            ["Input.ConfirmPassword"] = "Passw0rd-Test",
        }));
        Assert.AreEqual(HttpStatusCode.BadRequest, register.StatusCode);

        var logout = await _owner.Client.PostAsync("/Account/Logout", new FormUrlEncodedContent([]));
        Assert.AreEqual(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await _owner.Client.GetAsync("/annotations")).StatusCode, "still signed in");
    }

    [TestMethod]
    public async Task TheFirstAdministratorComesFromConfiguration()
    {
        using var admin = _app.NewSession();
        await admin.LoginAsync(GasAppFactory.AdminEmail, GasAppFactory.AdminPassword);
        var account = await admin.Client.GetStringAsync("/account");
        StringAssert.Contains(account, GasAppFactory.AdminEmail);
    }

    [TestMethod]
    public async Task HealthAnswersJsonWithoutSigningIn()
    {
        using var anonymous = _app.NewSession();
        var response = await anonymous.Client.GetAsync("/health");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), "\"status\":\"Healthy\"");
    }
}
