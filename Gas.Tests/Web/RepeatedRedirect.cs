using System.Net;
using Gas.Core.Configuration;
using Gas.Core.Jobs;
using Gas.Core.Messaging;
using Gas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gas.Tests.Web;

/// <summary>
/// The store's redirect back, followed again (a browser retrying after the web process died mid-request), finishes what the
/// first one may have left half done: a PENDING job whose request was never published gets it.
/// </summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class RepeatedRedirect
{
    [TestMethod]
    public async Task FollowingTheRedirectAgainRequestsAPendingJobWhoseRequestWasLost()
    {
        // No annotator: the job stays PENDING, and nothing takes requests off the queue.
        using var app = new GasAppFactory(new Dictionary<string, string?> { ["Gas:Roles"] = "web" });
        using var browser = app.NewSession();
        await browser.RegisterAsync();
        var (action, fields) = await browser.GetUploadFormAsync();
        var stored = await browser.PostToStoreAsync(action, fields, "test.vcf", await File.ReadAllBytesAsync(Paths.Sample("test.vcf")));
        Assert.AreEqual(HttpStatusCode.Redirect, stored.StatusCode);
        var created = await browser.Client.GetAsync(stored.Headers.Location);
        Assert.AreEqual(HttpStatusCode.Redirect, created.StatusCode);
        var jobId = created.Headers.Location!.ToString()["/annotations/".Length..];

        // As if the web process had died after creating the job and before publishing its request.
        var queue = app.Services.GetRequiredService<IQueue>();
        var requests = app.Services.GetRequiredService<IOptions<MessagingOptions>>().Value.JobRequestsQueue;
        async Task<List<string>> TakeRequestsAsync()
        {
            var ids = new List<string>();
            foreach (var message in await queue.ReceiveAsync(requests, 10, TimeSpan.Zero))
            {
                ids.Add(MessageJson.Deserialize<JobRequest>(message.Body).JobId);
                await queue.DeleteAsync(requests, message.ReceiptHandle);
            }

            return ids;
        }

        CollectionAssert.AreEqual(new[] { jobId }, await TakeRequestsAsync());

        var again = await browser.Client.GetAsync(stored.Headers.Location);
        Assert.AreEqual(HttpStatusCode.Redirect, again.StatusCode);
        Assert.AreEqual($"/annotations/{jobId}", again.Headers.Location!.ToString(), "the same job, not a second one");
        CollectionAssert.AreEqual(new[] { jobId }, await TakeRequestsAsync(), "the PENDING job's request is published again");

        var now = app.Clock.GetUtcNow().ToUnixTimeSeconds();
        Assert.IsTrue(await app.Services.GetRequiredService<IJobStore>().TryClaimAsync(jobId, now, now + 60));
        Assert.AreEqual(HttpStatusCode.Redirect, (await browser.Client.GetAsync(stored.Headers.Location)).StatusCode);
        Assert.IsEmpty(await TakeRequestsAsync(), "a job an annotator holds needs no new request");
    }
}
