using Gas.Cli;
using Gas.Cli.Api;
using Gas.Tests.Support;

namespace Gas.Tests.Cli;

/// <summary>
/// The client's waiting, against the service on a loopback port: a job that cannot leave PENDING (no annotator role
/// runs) ends <c>--wait --timeout 1</c> with exit 3; a token over its rate limit gets 429s and the client waits out each
/// <c>Retry-After</c>, saying so, and carries on.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
[DoNotParallelize]
public sealed class CliWaitsAndLimits
{
    [TestMethod]
    public async Task WaitingOnAJobHeldPendingGivesUpAtTheTimeoutWithExit3()
    {
        var (app, address) = GasAppFactory.StartOnKestrel(new Dictionary<string, string?> { ["Gas:Roles"] = "web" });
        using var _ = app;
        var user = await CliService.NewUserWithTokenAsync(app, address);

        var run = await GasCliProcess.RunAsync(address, user.Token, "submit", Paths.Sample("free_1.vcf"), "--wait", "--timeout", "1");

        Assert.AreEqual(ExitCodes.TimedOut, run.ExitCode, run.Output);
        var jobId = run.OutputLines.Single();
        StringAssert.Contains(run.StandardError, $"Job {jobId}: PENDING\n");
        StringAssert.EndsWith(run.StandardError, $"timed out after 1 s waiting for job {jobId} (still PENDING); check later with: gas status {jobId}\n");
        var status = await GasCliProcess.RunAsync(address, user.Token, "status", jobId);
        Assert.AreEqual(ExitCodes.Success, status.ExitCode, status.Output);
        StringAssert.Contains(status.StandardOutput, "Status:    PENDING\n", "the job itself is untouched");
    }

    [TestMethod]
    public async Task ATokenOverItsRateLimitWaitsOutRetryAfterAndCarriesOn()
    {
        // one request per two-second window: of two requests made back to back, the second is refused with Retry-After
        var (app, address) = GasAppFactory.StartOnKestrel(new Dictionary<string, string?>
        {
            ["Gas:Roles"] = "web",
            ["Gas:Api:PermitLimit"] = "1",
            ["Gas:Api:Window"] = "00:00:02",
        });
        using var _ = app;
        var user = await CliService.NewUserWithTokenAsync(app, address);
        using var http = new HttpClient();
        var said = new StringWriter();
        var api = new GasApiClient(http, address, user.Token, said);

        // Back-to-back calls: a window boundary may fall between two of them, never between three.
        for (var call = 1; call <= 3 && !said.ToString().Contains("429", StringComparison.Ordinal); call++)
        {
            var (page, _) = await api.ListJobsAsync(1, 20, null, CancellationToken.None);
            Assert.IsEmpty(page.Items);
        }

        StringAssert.StartsWith(said.ToString(), "429: rate limited; waiting ");
        StringAssert.Contains(said.ToString(), " s (Retry-After) before retry 1 of 3");
    }

    [TestMethod]
    public async Task ATokenStillLimitedAfterTheLastRetryExitsWith1WithTheServicesMessage()
    {
        var (app, address) = GasAppFactory.StartOnKestrel(new Dictionary<string, string?>
        {
            ["Gas:Roles"] = "web",
            ["Gas:Api:PermitLimit"] = "1",
            ["Gas:Api:Window"] = "01:00:00",
        });
        using var _ = app;
        var user = await CliService.NewUserWithTokenAsync(app, address);
        using var http = new HttpClient();
        var said = new StringWriter();
        var api = new GasApiClient(http, address, user.Token, said, new RetryPolicy(MaxRetries: 2, MinWait: TimeSpan.FromSeconds(1), MaxWait: TimeSpan.FromSeconds(1)));
        await api.ListJobsAsync(1, 20, null, CancellationToken.None);

        var refused = await Assert.ThrowsExactlyAsync<CliException>(() => api.ListJobsAsync(1, 20, null, CancellationToken.None));

        Assert.AreEqual(ExitCodes.Error, refused.ExitCode);
        StringAssert.StartsWith(refused.Message, "429: Too Many Requests: This token has made too many requests; try again in ");
        Assert.HasCount(2, said.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), said.ToString());
    }
}
