using System.Text.Json;
using Gas.Cli;
using Gas.Cli.Api;
using Gas.Cli.Upload;
using Gas.RazorPages.Util.Archive;
using Gas.Tests.Engine;
using Gas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Cli;

/// <summary>
/// The built <c>gas</c> tool against the whole service on a loopback port (web and annotator, the hg19 tables), with a
/// real personal access token: free_1.vcf goes up and its annotated VCF comes back; status, list, a failed job, a file
/// over the Free limit, another user's job and a revoked token each end with the exit code and line that say so.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
[DoNotParallelize]
public sealed class CliEndToEnd
{
    private static GasAppFactory _app = null!;
    private static Uri _address = null!;

    [ClassInitialize]
    public static void Start(TestContext _)
    {
        (_app, _address) = GasAppFactory.StartOnKestrel(new Dictionary<string, string?>
        {
            ["Gas:Roles"] = "web,annotator",
            ["Gas:Engine:ReferenceDirectory"] = EngineTestData.SharedReferenceDirectory(),
            ["Gas:Engine:CacheDirectory"] = EngineTestData.CacheDirectory("web"),
        });
    }

    [ClassCleanup]
    public static void Stop() => _app.Dispose();

    [TestMethod]
    public async Task SubmitWithWaitAndOutBringsBackFree1AnnotatedAndItsLog()
    {
        var user = await CliService.NewUserWithTokenAsync(_app, _address);
        var input = Paths.Sample("free_1.vcf");
        var folder = Path.Combine(Paths.NewTempDirectory(), "results");

        var run = await GasCliProcess.RunAsync(_address, user.Token, "submit", input, "--name", "cli free_1", "--wait", "--out", folder);

        Assert.AreEqual(ExitCodes.Success, run.ExitCode, run.Output);
        var lines = run.OutputLines;
        Assert.HasCount(3, lines, "the job id, then the two saved paths\n" + run.Output);
        var jobId = lines[0];
        StringAssert.Contains(run.StandardError, "Uploaded free_1.vcf: 33,102 bytes in", "standard error is not a terminal: one line, no bar");
        StringAssert.Contains(run.StandardError, $"Job {jobId}: COMPLETED");
        var annotated = lines.Single(l => l.EndsWith(".vcf", StringComparison.Ordinal));
        var log = lines.Single(l => l != jobId && l != annotated);
        Assert.AreEqual(Path.GetFullPath(folder), Path.GetDirectoryName(annotated));
        Assert.AreEqual(Path.GetFullPath(folder), Path.GetDirectoryName(log));
        Assert.IsTrue(new FileInfo(log).Length > 0, "the log is not empty");
        Assert.IsFalse(Directory.EnumerateFiles(folder, "*.part").Any(), "no partial files are left");
        AnnotatedVcf.AssertAnnotates(await File.ReadAllLinesAsync(input), await File.ReadAllLinesAsync(annotated));
    }

    [TestMethod]
    public async Task StatusAndListShowTheJobForPeopleAndAsTheApisJson()
    {
        var user = await CliService.NewUserWithTokenAsync(_app, _address);
        var submitted = await GasCliProcess.RunAsync(_address, user.Token, "submit", Paths.Sample("test.vcf"), "--name", "status check", "--wait");
        Assert.AreEqual(ExitCodes.Success, submitted.ExitCode, submitted.Output);
        var jobId = submitted.OutputLines.Single();

        var status = await GasCliProcess.RunAsync(_address, user.Token, "status", jobId);
        var statusJson = await GasCliProcess.RunAsync(_address, user.Token, "status", jobId, "--json");
        var list = await GasCliProcess.RunAsync(_address, user.Token, "list");
        var listJson = await GasCliProcess.RunAsync(_address, user.Token, "list", "--json", "--search", "status");
        var emptySearch = await GasCliProcess.RunAsync(_address, user.Token, "list", "--search", "no-such-job-anywhere");

        Assert.AreEqual(ExitCodes.Success, status.ExitCode, status.Output);
        StringAssert.Contains(status.StandardOutput, $"Job:       {jobId}\n");
        StringAssert.Contains(status.StandardOutput, "Name:      status check\n");
        StringAssert.Contains(status.StandardOutput, "Input:     test.vcf\n");
        StringAssert.Contains(status.StandardOutput, "Status:    COMPLETED\n");
        StringAssert.Contains(status.StandardOutput, $"Results:   available (gas download {jobId})");
        using (var job = JsonDocument.Parse(statusJson.StandardOutput))
        {
            Assert.AreEqual(jobId, job.RootElement.GetProperty("id").GetString());
            Assert.AreEqual("COMPLETED", job.RootElement.GetProperty("status").GetString());
            Assert.IsTrue(job.RootElement.GetProperty("resultsAvailable").GetBoolean());
        }

        Assert.AreEqual(ExitCodes.Success, list.ExitCode, list.Output);
        StringAssert.StartsWith(list.OutputLines[0], "ID");
        Assert.IsTrue(list.OutputLines.Any(l => l.StartsWith(jobId, StringComparison.Ordinal) && l.Contains("COMPLETED", StringComparison.Ordinal) && l.EndsWith("status check", StringComparison.Ordinal)), list.Output);
        using (var page = JsonDocument.Parse(listJson.StandardOutput))
        {
            var items = page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
            CollectionAssert.AreEqual(new[] { jobId }, items, listJson.Output);
            Assert.AreEqual(1, page.RootElement.GetProperty("page").GetInt32());
            Assert.IsFalse(page.RootElement.GetProperty("hasMore").GetBoolean());
        }

        Assert.AreEqual(ExitCodes.Success, emptySearch.ExitCode, emptySearch.Output);
        Assert.AreEqual("No jobs.", emptySearch.StandardOutput.Trim());
    }

    [TestMethod]
    public async Task AJobThatFailsExitsWith2FromSubmitStatusAndDownloadWithItsReason()
    {
        var user = await CliService.NewUserWithTokenAsync(_app, _address);
        var bad = Path.Combine(Paths.NewTempDirectory(), "bad.vcf");
        await File.WriteAllTextAsync(bad, "##fileformat=VCFv4.1\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\tnot-a-number\t.\tA\tG\t.\tPASS\t.\n");
        var folder = Path.Combine(Paths.NewTempDirectory(), "out");

        var submitted = await GasCliProcess.RunAsync(_address, user.Token, "submit", bad, "--wait");
        var jobId = submitted.OutputLines.Single();
        var status = await GasCliProcess.RunAsync(_address, user.Token, "status", jobId);
        var download = await GasCliProcess.RunAsync(_address, user.Token, "download", jobId, "--out", folder, "--log");

        Assert.AreEqual(ExitCodes.JobFailed, submitted.ExitCode, submitted.Output);
        StringAssert.Contains(submitted.StandardError, $"job {jobId} failed: ");
        StringAssert.Contains(submitted.StandardError, "Line 3");
        Assert.AreEqual(ExitCodes.JobFailed, status.ExitCode, status.Output);
        StringAssert.Contains(status.StandardOutput, "Status:    FAILED\n");
        StringAssert.Contains(status.StandardOutput, "Failure:   ");
        Assert.AreEqual(ExitCodes.JobFailed, download.ExitCode, download.Output);
        Assert.AreEqual(1, download.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, download.Output);
        StringAssert.StartsWith(download.StandardError, $"job {jobId} failed: ");
        Assert.AreEqual("", download.StandardOutput);
        Assert.IsFalse(Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any(), "nothing is saved for a failed job");
    }

    [TestMethod]
    public async Task AFileOverTheFreeLimitIsRefusedBeforeItIsSentAndNoJobIsMade()
    {
        var user = await CliService.NewUserWithTokenAsync(_app, _address);
        var premium1 = Paths.Sample("premium_1.vcf");

        var run = await GasCliProcess.RunAsync(_address, user.Token, "submit", premium1, "--wait");
        var list = await GasCliProcess.RunAsync(_address, user.Token, "list");

        Assert.AreEqual(ExitCodes.Error, run.ExitCode, run.Output);
        Assert.AreEqual("premium_1.vcf is 175,701 bytes; your plan accepts at most 153,600 bytes per file (Premium accepts larger files)\n", run.StandardError);
        Assert.AreEqual("", run.StandardOutput);
        Assert.AreEqual("No jobs.", list.StandardOutput.Trim(), list.Output);
    }

    [TestMethod]
    public async Task AnUploadOverTheFormsLimitIsRefusedByTheStoreWithItsCodeAndMessage()
    {
        // the tool checks maxBytes before sending; this sends anyway, as a file that grew after the check would
        var user = await CliService.NewUserWithTokenAsync(_app, _address);
        using var http = new HttpClient();
        using var store = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var api = new GasApiClient(http, _address, user.Token, TextWriter.Null);
        var form = await api.CreateUploadAsync("premium_1.vcf", CancellationToken.None);
        var premium1 = new FileInfo(Paths.Sample("premium_1.vcf"));
        Assert.IsGreaterThan(form.MaxBytes, premium1.Length);

        var refused = await Assert.ThrowsExactlyAsync<CliException>(
            () => new StoreUploader(store).UploadAsync(form, premium1, new Progress<long>(), CancellationToken.None));

        Assert.AreEqual(ExitCodes.Error, refused.ExitCode);
        Assert.AreEqual($"the store refused the upload of premium_1.vcf: 400: EntityTooLarge: Your proposed upload exceeds the maximum allowed size of {form.MaxBytes} bytes.", refused.Message);
    }

    [TestMethod]
    public async Task AFreeUsersArchivedResultsAreRefusedWith403AndTheUpgradeHint()
    {
        var user = await CliService.NewUserWithTokenAsync(_app, _address);
        var submitted = await GasCliProcess.RunAsync(_address, user.Token, "submit", Paths.Sample("test.vcf"), "--wait");
        Assert.AreEqual(ExitCodes.Success, submitted.ExitCode, submitted.Output);
        var jobId = submitted.OutputLines.Single();
        _app.Clock.Advance(TimeSpan.FromMinutes(6));
        var archived = await _app.InScopeAsync(services => services.GetRequiredService<ResultsArchiver>().ArchiveIfDueAsync(jobId, CancellationToken.None));
        Assert.AreEqual(ArchiveOutcome.Archived, archived.Outcome);
        var folder = Path.Combine(Paths.NewTempDirectory(), "out");

        var status = await GasCliProcess.RunAsync(_address, user.Token, "status", jobId);
        var download = await GasCliProcess.RunAsync(_address, user.Token, "download", jobId, "--out", folder);

        Assert.AreEqual(ExitCodes.Success, status.ExitCode, status.Output);
        StringAssert.Contains(status.StandardOutput, "Results:   archived (Premium restores them)");
        Assert.AreEqual(ExitCodes.Error, download.ExitCode, download.Output);
        StringAssert.StartsWith(download.StandardError, "403: ");
        StringAssert.Contains(download.StandardError, $"(upgradeUrl: {_address}subscribe)");
        Assert.AreEqual(1, download.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length, download.Output);
        Assert.IsFalse(Directory.Exists(folder) && Directory.EnumerateFiles(folder).Any(), "nothing is saved");
    }

    [TestMethod]
    public async Task AnotherUsersJobIsNotFoundAndARevokedTokenIsRefusedWithExit1()
    {
        var owner = await CliService.NewUserWithTokenAsync(_app, _address);
        var stranger = await CliService.NewUserWithTokenAsync(_app, _address);
        var submitted = await GasCliProcess.RunAsync(_address, owner.Token, "submit", Paths.Sample("test.vcf"));
        Assert.AreEqual(ExitCodes.Success, submitted.ExitCode, submitted.Output);
        var jobId = submitted.OutputLines.Single();

        var strangers = await GasCliProcess.RunAsync(_address, stranger.Token, "status", jobId);
        Assert.IsTrue(await CliService.RevokeAsync(_app, owner));
        var revoked = await GasCliProcess.RunAsync(_address, owner.Token, "status", jobId);
        var revokedList = await GasCliProcess.RunAsync(_address, owner.Token, "list");
        var noToken = await GasCliProcess.RunAsync(_address, null, "list");

        Assert.AreEqual(ExitCodes.Error, strangers.ExitCode, strangers.Output);
        StringAssert.StartsWith(strangers.StandardError, "404: ");
        Assert.AreEqual("", strangers.StandardOutput);
        foreach (var refused in new[] { revoked, revokedList })
        {
            Assert.AreEqual(ExitCodes.Error, refused.ExitCode, refused.Output);
            Assert.AreEqual("401: token revoked or expired (set GAS_TOKEN)\n", refused.StandardError, refused.Output);
            Assert.AreEqual("", refused.StandardOutput);
        }

        Assert.AreEqual(ExitCodes.Error, noToken.ExitCode, noToken.Output);
        StringAssert.StartsWith(noToken.StandardError, "GAS_TOKEN is not set");
    }
}
