using System.Diagnostics;
using System.Text.RegularExpressions;
using Gas.Core.Configuration;
using Gas.Core.Embedded;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Gas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Gas.Tests.Browser;

/// <summary>
/// The specification's grading rubric, walked through the real UI in Debian's Chromium against the whole service
/// (web + util + annotator) on Kestrel: once in local mode (SQLite accounts, Hangfire in memory) and once with
/// accounts and Hangfire on PostgreSQL. Time moves through the app's clock, never by sleeping.
/// </summary>
[TestClass]
[TestCategory("Browser")]
[DoNotParallelize]
public sealed partial class RubricWalk
{
    private const string Password = "Rubric-Walk-Lantern-93";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("local")]
    [DataRow("postgres")]
    public async Task WalksTheGradingRubricInChromium(string mode)
    {
        var settings = new Dictionary<string, string?>
        {
            // Thaw checks back off from 1 s to at most 2 s (real time), so restored results show up promptly.
            ["Gas:Util:ThawMaxDelay"] = "00:00:02",
        };
        await using var database = mode switch
        {
            "local" => null,
            "postgres" => await ThrowawayPostgresDatabase.CreateAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "local or postgres"),
        };
        if (database is not null)
        {
            settings["Gas:Accounts:Provider"] = "postgres";
            settings["ConnectionStrings:Accounts"] = database.ConnectionString;
            settings["ConnectionStrings:Hangfire"] = database.ConnectionString;
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var (app, address) = GasAppFactory.StartOnKestrel(settings);
        using var _ = app;
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = address.ToString(),
            AcceptDownloads = true,
            TimezoneId = "America/Chicago",
        });
        var page = await context.NewPageAsync();
        // Bounded generously (see Wait): the machine may be busy; a passing walk never waits this long.
        page.SetDefaultTimeout((float)Wait.Bound.TotalMilliseconds);
        SetDefaultExpectTimeout((float)Wait.Bound.TotalMilliseconds);
        var walk = new Walk(app, address, page, new PageCamera(TestContext, mode));
        var watch = Stopwatch.StartNew();
        try
        {
            await walk.RunAsync();
        }
        catch
        {
            // The page as it was when the walk failed; a screenshot that cannot be taken must not hide the failure.
            try
            {
                await walk.Camera.ShootAsync(page, "failure");
            }
            catch (PlaywrightException e)
            {
                TestContext.WriteLine($"No failure screenshot: {e.Message}");
            }

            throw;
        }

        TestContext.WriteLine($"Rubric walk ({mode}) took {watch.Elapsed.TotalSeconds:0.0} s; screenshots in {walk.Camera.Folder}");
    }

    private sealed class Walk(GasAppFactory app, Uri address, IPage page, PageCamera camera)
    {
        private readonly string _email = $"walker-{Guid.NewGuid():N}@example.org";

        public PageCamera Camera => camera;

        public async Task RunAsync()
        {
            // 1. Register; run several annotations (logging in again comes with the emails).
            await RegisterAsync();
            var first = new List<(string Id, string Sample)>();
            foreach (var sample in new[] { "free_1.vcf", "free_2.vcf", "test.vcf" })
            {
                first.Add((await SubmitAsync(sample), sample));
            }

            foreach (var (id, _) in first)
            {
                await OpenCompletedAsync(id);
            }

            await camera.ShootAsync(page, "details-completed");

            // 2. A notification email per job, linking to the job's page.
            await ReloadUntilAsync("/dev/mailbox", async () =>
            {
                var text = await page.Locator("main").InnerTextAsync();
                return first.All(job => text.Contains($"annotation job {job.Id} is complete", StringComparison.Ordinal));
            }, "an email for each completed job");
            var mailbox = await page.Locator("main").InnerTextAsync();
            foreach (var (id, sample) in first)
            {
                StringAssert.Contains(mailbox, $"{sample} is complete");
                StringAssert.Contains(mailbox, new Uri(address, $"annotations/{id}").ToString());
            }

            await camera.ShootAsync(page, "mailbox");

            // The email's link, followed when signed out, goes through the login page to the job.
            await page.GetByRole(AriaRole.Link, new() { Name = "Log out", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Log out", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Log in", Exact = true })).ToBeVisibleAsync();
            await page.GotoAsync(new Uri(address, $"annotations/{first[0].Id}").ToString());
            await page.WaitForURLAsync("**/Account/Login?**");
            await LogInAsync("not-the-password-1");
            await Expect(page.Locator(".errors")).ToContainTextAsync("Email or password is not right");
            await camera.ShootAsync(page, "login-wrong-password");
            await LogInAsync(Password);
            await page.WaitForURLAsync($"**/annotations/{first[0].Id}");
            await Expect(page.Locator("dl.details")).ToContainTextAsync(first[0].Id);
            await camera.ShootAsync(page, "email-link");

            // 3. The list of jobs.
            await page.GetByRole(AriaRole.Link, new() { Name = "My annotations", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/annotations");
            var rows = page.Locator("table.jobs tbody tr");
            await Expect(rows).ToHaveCountAsync(3);
            CollectionAssert.AreEqual(
                first.Select(job => job.Id).Reverse().ToList(),
                (await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.jobId)")).ToList(),
                "newest first");
            foreach (var (id, sample) in first)
            {
                var row = page.Locator($"tr[data-job-id='{id}']");
                await Expect(row).ToContainTextAsync(sample);
                await Expect(row.Locator("[data-status]")).ToHaveTextAsync("COMPLETED");
            }

            await camera.ShootAsync(page, "list");

            // 4-6. Details from the list, download the results, view the log.
            await page.Locator($"tr[data-job-id='{first[1].Id}'] td.job-name a").ClickAsync(); // the file name links to the job
            await page.WaitForURLAsync($"**/annotations/{first[1].Id}");
            await Expect(page.Locator("dl.details")).ToContainTextAsync(first[1].Sample);
            await camera.ShootAsync(page, "details");
            await DownloadInputAsync(first[1].Sample);
            var beforeArchive = await DownloadResultsAsync();
            await ViewLogAsync(first[1]);

            // 7. Past the Free window: an upgrade link instead of the download, the log still viewable; then archived.
            app.Clock.Advance(TimeSpan.FromMinutes(6));
            await page.GotoAsync("/annotations");
            await page.Locator($"tr[data-job-id='{first[0].Id}'] td.job-name a").ClickAsync();
            await ExpectUpgradeRequiredAsync();
            await camera.ShootAsync(page, "details-window-passed");
            await page.GotoAsync($"/annotations/{first[0].Id}/results");
            await page.WaitForURLAsync($"**/annotations/{first[0].Id}");
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Upgrade to Premium to download them");
            await camera.ShootAsync(page, "download-refused");
            await ViewLogAsync(first[0]);

            await Wait.UntilAsync(async () => await AllAsync(first, ArchiveState.Archived),
                "the archive drain moves the Free results to the archive");
            foreach (var (id, _) in first)
            {
                var job = await app.Services.GetJob(id);
                Assert.IsNotNull(job.ResultsArchiveId, $"job {id} records its archive id");
                await page.GotoAsync($"/annotations/{id}");
                await Expect(page.Locator("span.archived")).ToBeVisibleAsync();
                await ExpectUpgradeRequiredAsync();
            }

            await camera.ShootAsync(page, "details-archived");

            // 8. A few more annotations; a file over the Free limit is refused by the page's script.
            var recent = new List<(string Id, string Sample)>();
            foreach (var sample in new[] { "test.vcf", "free_1.vcf" })
            {
                recent.Add((await SubmitAsync(sample), sample));
            }

            foreach (var (id, _) in recent)
            {
                await OpenCompletedAsync(id);
                await Expect(ResultsLink()).ToBeVisibleAsync();
            }

            await page.GotoAsync("/annotate");
            await page.Locator("#upload-file").SetInputFilesAsync(Paths.Sample("premium_3.vcf"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Annotate", Exact = true }).ClickAsync();
            var refusal = page.Locator("#upload-error");
            await Expect(refusal).ToBeVisibleAsync();
            await Expect(refusal).ToContainTextAsync("Free accounts can annotate files up to 150 KB");
            await Expect(refusal.GetByRole(AriaRole.Link, new() { Name = "Upgrade to Premium", Exact = true })).ToBeVisibleAsync();
            StringAssert.EndsWith(page.Url, "/annotate", "the oversized file was never sent");
            await camera.ShootAsync(page, "annotate-too-large");

            // 9-10. Account → upgrade → test checkout: a declined card, then a good one.
            await page.GetByRole(AriaRole.Link, new() { Name = "Account", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/account");
            await Expect(page.Locator("dl.details")).ToContainTextAsync("Free");
            await camera.ShootAsync(page, "account-free");
            await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Upgrade to Premium", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/subscribe");
            await camera.ShootAsync(page, "subscribe");
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue to the test checkout", Exact = true }).ClickAsync();
            await page.WaitForURLAsync("**/subscribe/checkout");
            await Expect(page.Locator(".alert").First).ToContainTextAsync("TEST MODE");
            await camera.ShootAsync(page, "checkout");

            await PayAsync("4000 0000 0000 0002");
            await Expect(page.Locator(".alert.error")).ToContainTextAsync("Your card was declined.");
            await camera.ShootAsync(page, "checkout-declined");
            await PayAsync("4242 4242 4242 4242");
            await page.WaitForURLAsync("**/subscribe/success");
            await Expect(page.Locator("h1")).ToHaveTextAsync("Welcome to Premium");
            await camera.ShootAsync(page, "upgraded");
            await page.GotoAsync("/account");
            await Expect(page.Locator("dl.details")).ToContainTextAsync("Premium");
            await camera.ShootAsync(page, "account-premium");

            // 11. The recent results are still downloadable; the archived ones are being restored.
            await page.GotoAsync("/annotations");
            await Expect(page.Locator("table.jobs tbody tr")).ToHaveCountAsync(first.Count + recent.Count);
            await camera.ShootAsync(page, "list-premium");
            foreach (var (id, _) in recent)
            {
                await page.GotoAsync($"/annotations/{id}");
                await DownloadResultsAsync();
            }

            await camera.ShootAsync(page, "details-recent");
            foreach (var (id, _) in first)
            {
                await page.GotoAsync($"/annotations/{id}");
                await Expect(page.Locator("span.restoring")).ToContainTextAsync("Being restored");
                await Expect(ResultsLink()).ToHaveCountAsync(0);
            }

            await camera.ShootAsync(page, "details-being-restored");

            // Premium lifts the input limit: the file the page refused before goes through now.
            var large = await SubmitAsync("premium_3.vcf");
            await OpenCompletedAsync(large);
            await DownloadResultsAsync();

            // 12-13. Once the Expedited retrieval is done, the thaw follow-ups put the results back.
            await Wait.UntilAsync(async () => await AllAsync(first, ArchiveState.Restoring),
                "the restore drain requests a retrieval for each archived job");
            foreach (var (id, _) in first)
            {
                Assert.AreEqual("Expedited", (await app.Services.GetJob(id)).RestoreTier);
            }

            // Past the Expedited delay, and past the recent jobs' Free window too.
            app.Clock.Advance(TimeSpan.FromMinutes(6));
            foreach (var (id, _) in first)
            {
                await ReloadUntilAsync($"/annotations/{id}", async () => await ResultsLink().CountAsync() == 1,
                    $"job {id}'s results are back from the archive");
                Assert.IsNull((await app.Services.GetJob(id)).ResultsArchiveId, $"job {id} no longer records an archive id");
            }

            await camera.ShootAsync(page, "details-restored");
            await page.GotoAsync($"/annotations/{first[1].Id}");
            Assert.AreEqual(beforeArchive, await DownloadResultsAsync(), "the thawed results are the ones archived");
            await ViewLogAsync(first[1]);

            // Upgraded inside their window, the recent jobs are never archived: their archive messages come due and are dropped.
            var queue = (SqliteQueue)app.Services.GetRequiredService<IQueue>();
            var archiveQueue = app.Services.GetRequiredService<IOptions<MessagingOptions>>().Value.ResultsArchiveQueue;
            await Wait.UntilAsync(() => Task.FromResult(queue.Count(archiveQueue) == 0),
                "the archive drain has handled every archive message");
            foreach (var (id, _) in recent)
            {
                Assert.AreEqual(ArchiveState.Hot, (await app.Services.GetJob(id)).ArchiveState, $"job {id} stays hot");
                await page.GotoAsync($"/annotations/{id}");
                await Expect(ResultsLink()).ToBeVisibleAsync();
            }

            await DownloadResultsAsync();
            await page.GotoAsync("/annotations");
            await Expect(page.Locator("table.jobs tbody tr")).ToHaveCountAsync(first.Count + recent.Count + 1);
            await camera.ShootAsync(page, "list-final");

            // Every job, before and after the upgrade, got its email.
            await ReloadUntilAsync("/dev/mailbox", async () =>
            {
                var text = await page.Locator("main").InnerTextAsync();
                return first.Concat(recent).Select(job => job.Id).Append(large)
                    .All(id => text.Contains($"annotation job {id} is complete", StringComparison.Ordinal));
            }, "an email for every completed job");
            await camera.ShootAsync(page, "mailbox-final");
        }

        private async Task RegisterAsync()
        {
            await page.GotoAsync("/");
            await camera.ShootAsync(page, "home");
            await page.GetByRole(AriaRole.Link, new() { Name = "Register", Exact = true }).First.ClickAsync();
            await page.Locator("#Input_Name").FillAsync("Rubric Walker");
            await page.Locator("#Input_Email").FillAsync(_email);
            await page.Locator("#Input_Password").FillAsync(Password);
            await page.Locator("#Input_ConfirmPassword").FillAsync(Password);
            await camera.ShootAsync(page, "register");
            await page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
            // Registering answers alike for a new and a taken address: it leads to the sign-in page.
            await page.WaitForURLAsync("**/Account/Login**");
            await LogInAsync(Password);
            await page.WaitForURLAsync("**/annotate");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Log out", Exact = true })).ToBeVisibleAsync();
            await camera.ShootAsync(page, "registered");
        }

        private async Task LogInAsync(string password)
        {
            await page.Locator("#Input_Email").FillAsync(_email);
            await page.Locator("#Input_Password").FillAsync(password);
            await camera.ShootAsync(page, "login");
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
            await page.WaitForLoadStateAsync();
        }

        /// <summary>Uploads a sample through the /annotate form, as a user does; returns the new job's id.</summary>
        private async Task<string> SubmitAsync(string sample)
        {
            // The user takes a moment between uploads (on the app's clock), so the list has an order to show.
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            await page.GotoAsync("/annotate");
            await page.Locator("#upload-file").SetInputFilesAsync(Paths.Sample(sample));
            await camera.ShootAsync(page, "annotate-" + Path.GetFileNameWithoutExtension(sample));
            await page.GetByRole(AriaRole.Button, new() { Name = "Annotate", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(JobPage());
            await camera.ShootAsync(page, "submitted-" + Path.GetFileNameWithoutExtension(sample));
            return page.Url[(page.Url.LastIndexOf('/') + 1)..];
        }

        /// <summary>
        /// Opens the job's page and waits, as a user would, until its script shows it finished. The page reloads itself when the
        /// job's status changes, which can abort a navigation still waiting for its load event on a busy machine: the goto waits
        /// only for the response, and the expectations below wait across any reload.
        /// </summary>
        private async Task OpenCompletedAsync(string id)
        {
            await page.GotoAsync($"/annotations/{id}", new() { WaitUntil = WaitUntilState.Commit });
            await Expect(page.Locator("dl.details [data-status]")).ToHaveTextAsync("COMPLETED");
            await Expect(page.Locator("dl.details")).ToContainTextAsync("Annotation log file");
        }

        private ILocator ResultsLink() => page.Locator("dl.details").GetByRole(AriaRole.Link, new() { Name = "Download", Exact = true });

        private async Task ExpectUpgradeRequiredAsync()
        {
            var details = page.Locator("dl.details");
            await Expect(details.GetByRole(AriaRole.Link, new() { Name = "Upgrade to Premium to download", Exact = true })).ToBeVisibleAsync();
            await Expect(ResultsLink()).ToHaveCountAsync(0);
            await Expect(details.GetByRole(AriaRole.Link, new() { Name = "View", Exact = true })).ToBeVisibleAsync();
        }

        /// <summary>Clicks the details page's download link and checks that what arrives is a VCF.</summary>
        private async Task<string> DownloadResultsAsync()
        {
            var download = await page.RunAndWaitForDownloadAsync(() => ResultsLink().ClickAsync());
            Assert.IsNull(await download.FailureAsync());
            StringAssert.EndsWith(download.SuggestedFilename, ".vcf");
            var text = await File.ReadAllTextAsync(await download.PathAsync());
            StringAssert.StartsWith(text, "##fileformat=VCF");
            StringAssert.Contains(text, "#CHROM");
            return text;
        }

        /// <summary>Clicks the input file's name on the details page and checks that the uploaded file comes back.</summary>
        private async Task DownloadInputAsync(string sample)
        {
            var link = page.Locator("dl.details").GetByRole(AriaRole.Link, new() { Name = sample, Exact = true });
            var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
            Assert.AreEqual(sample, download.SuggestedFilename);
            CollectionAssert.AreEqual(await File.ReadAllBytesAsync(Paths.Sample(sample)), await File.ReadAllBytesAsync(await download.PathAsync()));
        }

        private async Task ViewLogAsync((string Id, string Sample) job)
        {
            await page.GotoAsync($"/annotations/{job.Id}");
            await page.Locator("dl.details").GetByRole(AriaRole.Link, new() { Name = "View", Exact = true }).ClickAsync();
            // the log's text is waited for below: waiting here for the page's load event as well once hung a busy machine's
            // run for the whole bound (the event had been and gone)
            await page.WaitForURLAsync($"**/annotations/{job.Id}/log", new() { WaitUntil = WaitUntilState.Commit });
            var log = page.Locator("pre.log");
            await Expect(log).ToContainTextAsync($"GAS annotation log for job {job.Id}");
            await Expect(log).ToContainTextAsync($"Input: {job.Sample}");
            await camera.ShootAsync(page, "log");
        }

        private async Task PayAsync(string card)
        {
            await page.Locator("#Input_CardNumber").FillAsync(card);
            await page.Locator("#Input_Expiry").FillAsync("12/34");
            await page.Locator("#Input_Cvc").FillAsync("123");
            await page.GetByRole(AriaRole.Button, new() { NameRegex = PayButton() }).ClickAsync();
            await page.WaitForLoadStateAsync();
        }

        private async Task<bool> AllAsync(IEnumerable<(string Id, string Sample)> jobs, ArchiveState state)
        {
            foreach (var (id, _) in jobs)
            {
                if ((await app.Services.GetJob(id)).ArchiveState != state)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Reloads a page until the condition holds (background work on the real clock), failing after <see cref="Wait.Bound"/>.</summary>
        private async Task ReloadUntilAsync(string url, Func<Task<bool>> condition, string what)
        {
            await page.GotoAsync(url);
            await Wait.UntilAsync(async () =>
            {
                if (await condition())
                {
                    return true;
                }

                await Task.Delay(250);
                await page.ReloadAsync();
                return false;
            }, what);
        }
    }

    [GeneratedRegex(@"/annotations/[0-9a-f-]{36}$")]
    private static partial Regex JobPage();

    [GeneratedRegex("^Pay ")]
    private static partial Regex PayButton();
}
