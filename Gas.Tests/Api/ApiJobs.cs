using System.Net;
using System.Text.Json;
using Gas.Core.Jobs;
using Gas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Api;

/// <summary>The REST API's jobs, driven end to end with real tokens: upload through the returned form, job, summary, variants, downloads.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class ApiJobs
{
    [TestMethod]
    public async Task UploadsThroughTheReturnedFormAndFollowsTheJobToItsResults()
    {
        using var app = new GasAppFactory();
        using var api = await ApiSession.NewAsync(app);
        var input = await File.ReadAllBytesAsync(Paths.Sample("free_1.vcf"));

        var (stored, key, form) = await api.UploadAsync("free_1.vcf", input);

        StringAssert.StartsWith(form.GetProperty("url").GetString(), "http://localhost/_store/");
        var fields = form.GetProperty("fields");
        Assert.AreEqual(key, fields.GetProperty("key").GetString(), "the key is final: no ${filename}");
        StringAssert.EndsWith(key, "~free_1.vcf");
        StringAssert.StartsWith(key, api.UserId + "/");
        Assert.IsFalse(fields.TryGetProperty("success_action_redirect", out _), "no browser redirect");
        Assert.AreEqual("201", fields.GetProperty("success_action_status").GetString());
        Assert.AreEqual(150 * 1024, form.GetProperty("maxBytes").GetInt64());
        Assert.AreEqual(app.Clock.GetUtcNow().AddMinutes(10).ToUnixTimeSeconds(), form.GetProperty("expiresAt").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.AreEqual(HttpStatusCode.Created, stored.StatusCode, "S3's success_action_status=201");
        StringAssert.Contains(await stored.Content.ReadAsStringAsync(), $"<Key>{key}</Key>");

        var (created, job) = await api.PostJsonAsync("/api/v1/jobs", new { key, name = "first run", build = "GRCh37" });
        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, job.ToString());
        var id = job.GetProperty("id").GetString()!;
        Assert.AreEqual($"/api/v1/jobs/{id}", created.Headers.Location!.ToString());
        Assert.AreEqual("first run", job.GetProperty("name").GetString());
        Assert.AreEqual("free_1.vcf", job.GetProperty("inputFileName").GetString());
        Assert.AreEqual("HOT", job.GetProperty("archiveState").GetString());
        Assert.IsFalse(job.GetProperty("resultsAvailable").GetBoolean());

        var done = await api.WaitForFinishedAsync(id);
        Assert.AreEqual("COMPLETED", done.GetProperty("status").GetString(), done.ToString());
        Assert.IsTrue(done.GetProperty("resultsAvailable").GetBoolean());
        Assert.AreEqual(JsonValueKind.String, done.GetProperty("completedAt").ValueKind);
        Assert.IsGreaterThan(0, done.GetProperty("variantCount").GetInt64());

        var list = await api.GetJsonAsync("/api/v1/jobs?page=1&pageSize=20&q=first");
        Assert.AreEqual(id, list.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.IsFalse(list.GetProperty("hasMore").GetBoolean());
        Assert.AreEqual(0, (await api.GetJsonAsync("/api/v1/jobs?q=nothing-like-it")).GetProperty("items").GetArrayLength());

        var summary = await api.GetJsonAsync($"/api/v1/jobs/{id}/summary");
        Assert.AreEqual(done.GetProperty("variantCount").GetInt64(), summary.GetProperty("results").GetProperty("records").GetInt64());
        Assert.AreEqual("GRCh37", summary.GetProperty("results").GetProperty("build").GetString());
        var validation = summary.GetProperty("validation");
        Assert.AreEqual(0, validation.GetProperty("errors").GetInt64());
        StringAssert.EndsWith(validation.GetProperty("log").GetString(), $"/api/v1/jobs/{id}/log");

        var variants = await api.GetJsonAsync($"/api/v1/jobs/{id}/variants?pageSize=5");
        Assert.AreEqual(5, variants.GetProperty("items").GetArrayLength());
        Assert.AreEqual(summary.GetProperty("results").GetProperty("alleles").GetInt64(), variants.GetProperty("total").GetInt64());
        var chrom = variants.GetProperty("items")[0].GetProperty("chrom").GetString();
        var filtered = await api.GetJsonAsync($"/api/v1/jobs/{id}/variants?chrom={chrom}&pageSize=500");
        Assert.IsTrue(filtered.GetProperty("items").EnumerateArray().All(v => v.GetProperty("chrom").GetString() == chrom));
        await ApiSession.AssertProblemAsync(await api.Client.GetAsync($"/api/v1/jobs/{id}/variants?region=nowhere"), HttpStatusCode.BadRequest);

        var results = await api.Client.GetAsync($"/api/v1/jobs/{id}/results");
        Assert.AreEqual(HttpStatusCode.Found, results.StatusCode);
        Assert.IsTrue(results.Headers.Location!.IsAbsoluteUri, results.Headers.Location.ToString());
        using var anonymous = ApiSession.NewClient(app);
        StringAssert.StartsWith(await anonymous.GetStringAsync(results.Headers.Location), "##fileformat=VCF");
        var log = await api.Client.GetAsync($"/api/v1/jobs/{id}/log");
        Assert.AreEqual(HttpStatusCode.Found, log.StatusCode);
        Assert.IsTrue(log.Headers.Location!.IsAbsoluteUri);
        Assert.IsFalse(string.IsNullOrWhiteSpace(await anonymous.GetStringAsync(log.Headers.Location)));

        var (again, second) = await api.PostJsonAsync($"/api/v1/jobs/{id}/reannotate", new { build = "GRCh38" });
        Assert.AreEqual(HttpStatusCode.Created, again.StatusCode, second.ToString());
        Assert.AreNotEqual(id, second.GetProperty("id").GetString());
        Assert.AreEqual("free_1.vcf", second.GetProperty("inputFileName").GetString());
    }

    [TestMethod]
    public async Task AnotherUsersJobIsNotFoundOnEveryEndpoint()
    {
        using var app = new GasAppFactory();
        using var owner = await ApiSession.NewAsync(app);
        using var other = await ApiSession.NewAsync(app);
        var id = await owner.SubmitAsync("free_1.vcf", await File.ReadAllBytesAsync(Paths.Sample("free_1.vcf")));
        await owner.WaitForFinishedAsync(id);

        foreach (var path in new[] { "", "/summary", "/variants", "/results", "/log" })
        {
            await ApiSession.AssertProblemAsync(await other.Client.GetAsync($"/api/v1/jobs/{id}{path}"), HttpStatusCode.NotFound);
        }

        var (reannotate, _) = await other.PostJsonAsync($"/api/v1/jobs/{id}/reannotate", new { build = (string?)null });
        Assert.AreEqual(HttpStatusCode.NotFound, reannotate.StatusCode);
        Assert.AreEqual(0, (await other.GetJsonAsync("/api/v1/jobs")).GetProperty("items").GetArrayLength());
        var (upload, key, _) = await owner.UploadAsync("second.vcf", await File.ReadAllBytesAsync(Paths.Sample("free_1.vcf")));
        Assert.AreEqual(HttpStatusCode.Created, upload.StatusCode);
        var (foreignKey, _) = await other.PostJsonAsync("/api/v1/jobs", new { key });
        Assert.AreEqual(HttpStatusCode.NotFound, foreignKey.StatusCode, "another user's upload cannot become this user's job");
    }

    [TestMethod]
    public async Task AFreeUsersResultsNeedAnUpgradeOnceTheWindowHasClosedAsOnThePages()
    {
        using var app = new GasAppFactory();
        using var api = await ApiSession.NewAsync(app);
        var id = await api.SubmitAsync("free_1.vcf", await File.ReadAllBytesAsync(Paths.Sample("free_1.vcf")));
        await api.WaitForFinishedAsync(id);

        app.Clock.Advance(TimeSpan.FromMinutes(6));

        foreach (var path in new[] { "/results", "/variants" })
        {
            var problem = await ApiSession.AssertProblemAsync(await api.Client.GetAsync($"/api/v1/jobs/{id}{path}"), HttpStatusCode.Forbidden);
            StringAssert.Contains(problem.GetProperty("detail").GetString(), "Upgrade to Premium");
            Assert.AreEqual("http://localhost/subscribe", problem.GetProperty("upgradeUrl").GetString());
        }

        Assert.IsFalse((await api.GetJsonAsync($"/api/v1/jobs/{id}")).GetProperty("resultsAvailable").GetBoolean());
        Assert.AreEqual(HttpStatusCode.Found, (await api.Client.GetAsync($"/api/v1/jobs/{id}/log")).StatusCode, "the log stays available");
        Assert.AreEqual(JsonValueKind.Object, (await api.GetJsonAsync($"/api/v1/jobs/{id}/summary")).GetProperty("results").ValueKind, "as on the job page");
    }

    [TestMethod]
    public async Task UploadsAndJobsBreakingTheRulesGetProblems()
    {
        using var app = new GasAppFactory();
        using var api = await ApiSession.NewAsync(app);

        var (tooLarge, _, _) = await api.UploadAsync("big.vcf", new byte[150 * 1024 + 1]);
        var (badName, _) = await api.PostJsonAsync("/api/v1/jobs/uploads", new { fileName = "../etc/passwd" });
        var (noKey, _) = await api.PostJsonAsync("/api/v1/jobs", new { name = "x" });
        var (notUploaded, _) = await api.PostJsonAsync("/api/v1/jobs", new { key = $"{api.UserId}/{Guid.NewGuid()}~missing.vcf" });
        var (badBuild, _) = await api.PostJsonAsync("/api/v1/jobs", new { key = $"{api.UserId}/{Guid.NewGuid()}~a.vcf", build = "hg17" });
        var pending = new JobBuilder(api.UserId).Build();
        await app.Services.GetRequiredService<IJobStore>().CreateAsync(pending);

        Assert.AreEqual(HttpStatusCode.BadRequest, tooLarge.StatusCode, "the store enforces the Free cap");
        StringAssert.Contains(await tooLarge.Content.ReadAsStringAsync(), "EntityTooLarge");
        await ApiSession.AssertProblemAsync(badName, HttpStatusCode.BadRequest);
        await ApiSession.AssertProblemAsync(noKey, HttpStatusCode.BadRequest);
        await ApiSession.AssertProblemAsync(notUploaded, HttpStatusCode.BadRequest);
        await ApiSession.AssertProblemAsync(badBuild, HttpStatusCode.BadRequest);
        foreach (var path in new[] { "/results", "/log", "/summary", "/variants" })
        {
            await ApiSession.AssertProblemAsync(await api.Client.GetAsync($"/api/v1/jobs/{pending.JobId}{path}"), HttpStatusCode.Conflict);
        }

        var (early, _) = await api.PostJsonAsync($"/api/v1/jobs/{pending.JobId}/reannotate", new { });
        await ApiSession.AssertProblemAsync(early, HttpStatusCode.Conflict);
        await ApiSession.AssertProblemAsync(await api.Client.GetAsync("/api/v1/jobs?pageSize=1000"), HttpStatusCode.BadRequest);
    }

    [TestMethod]
    public async Task AFreeUsersOversizeUploadIsRefusedWithAnUpgradeHintWhenItReachesTheJob()
    {
        using var app = new GasAppFactory();
        using var api = await ApiSession.NewAsync(app);
        // An object under the user's prefix that is larger than the Free cap (say, uploaded while Premium).
        var key = $"{api.UserId}/{Guid.NewGuid()}~big.vcf";
        await app.Services.GetRequiredService<Gas.Core.Storage.IObjectStore>().PutAsync("gas-inputs", key, new MemoryStream(new byte[200 * 1024]), "text/plain");

        var (created, problem) = await api.PostJsonAsync("/api/v1/jobs", new { key });

        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, created.StatusCode, problem.ToString());
        StringAssert.Contains(problem.GetProperty("detail").GetString(), "Upgrade to Premium");
        Assert.IsTrue(problem.TryGetProperty("upgradeUrl", out _));
    }
}
