using System.Text;
using System.Xml.Linq;
using Gas.Core.Archive;
using Gas.Core.Aws;
using Gas.Core.Configuration;
using Gas.Tests.Contracts;
using Microsoft.Extensions.Options;

namespace Gas.Tests.Aws;

/// <summary>The exact S3 calls the GLACIER archive adapter makes (no emulator here models storage classes or restores).</summary>
[TestClass]
[TestCategory("Unit")]
public sealed class S3GlacierArchiveStoreRequests
{
    [TestMethod]
    public async Task StoresArchivesInTheGlacierStorageClassOfTheArchiveBucket()
    {
        var (simulator, store) = Create();

        var id = IArchiveStore.NewId();
        await store.ArchiveAsync(id, new MemoryStream("results"u8.ToArray()), "job-1 résultats");

        var put = simulator.Requests.Single(r => r.Method == "PUT");
        Assert.AreEqual($"gas-archive-test/{id}", put.Path);
        Assert.AreEqual("GLACIER", put.Headers["x-amz-storage-class"]);
        Assert.AreEqual("job-1%20r%C3%A9sultats", put.Headers["x-amz-meta-description"]);
        Assert.AreEqual("results", Encoding.UTF8.GetString(put.Body));
    }

    [TestMethod]
    [DataRow(RestoreTier.Expedited, "Expedited")]
    [DataRow(RestoreTier.Standard, "Standard")]
    [DataRow(RestoreTier.Bulk, "Bulk")]
    public async Task AsksForARestoreAtTheTierForOneDay(RestoreTier tier, string expected)
    {
        var (simulator, store) = Create();
        var id = IArchiveStore.NewId();
        await store.ArchiveAsync(id, new MemoryStream("x"u8.ToArray()), "d");

        Assert.AreEqual(RestoreRequestOutcome.Started, await store.RequestRestoreAsync(id, tier));

        var restore = simulator.Requests.Single(r => r.Method == "POST");
        Assert.AreEqual($"gas-archive-test/{id}", restore.Path);
        StringAssert.StartsWith(restore.Query, "restore");
        var body = XDocument.Parse(Encoding.UTF8.GetString(restore.Body));
        Assert.AreEqual("1", body.Descendants().Single(e => e.Name.LocalName == "Days").Value);
        Assert.AreEqual(expected, body.Descendants().Single(e => e.Name.LocalName == "Tier").Value);
    }

    [TestMethod]
    public async Task MapsGlacierExpeditedRetrievalNotAvailableToTierUnavailable()
    {
        var (_, store) = Create(refuseExpedited: true);
        var id = IArchiveStore.NewId();
        await store.ArchiveAsync(id, new MemoryStream("x"u8.ToArray()), "d");

        Assert.AreEqual(RestoreRequestOutcome.TierUnavailable, await store.RequestRestoreAsync(id, RestoreTier.Expedited));
    }

    [TestMethod]
    public async Task ReadsRestoreProgressFromXAmzRestore()
    {
        var time = new ShiftableTime();
        var (simulator, store) = Create(time: time);
        var id = IArchiveStore.NewId();
        await store.ArchiveAsync(id, new MemoryStream("x"u8.ToArray()), "d");
        await store.RequestRestoreAsync(id, RestoreTier.Standard);

        Assert.AreEqual(RestoreProgress.InProgress, await store.GetRestoreProgressAsync(id));
        time.Advance(simulator.RestoreDuration);
        Assert.AreEqual(RestoreProgress.Ready, await store.GetRestoreProgressAsync(id));
        Assert.IsTrue(simulator.Requests.Where(r => r.Method == "HEAD").All(r => r.Path == $"gas-archive-test/{id}"));
    }

    [TestMethod]
    public async Task TreatsAnObjectOutsideTheArchiveClassesAsReadable()
    {
        var (simulator, _) = Create();
        var client = simulator.CreateClient();
        await client.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = "gas-archive-test", Key = "plain", ContentBody = "x" });
        var store = new S3GlacierArchiveStore(client, Options.Create(new StorageOptions { ArchiveBucket = "gas-archive-test" }));

        Assert.AreEqual(RestoreProgress.Ready, await store.GetRestoreProgressAsync("plain"));
        Assert.AreEqual(RestoreRequestOutcome.AlreadyRestored, await store.RequestRestoreAsync("plain", RestoreTier.Standard));
    }

    private static (GlacierS3Simulator Simulator, S3GlacierArchiveStore Store) Create(bool refuseExpedited = false, ShiftableTime? time = null)
    {
        var simulator = new GlacierS3Simulator(time ?? new ShiftableTime(), refuseExpedited);
        return (simulator, new S3GlacierArchiveStore(simulator.CreateClient(), Options.Create(new StorageOptions { ArchiveBucket = "gas-archive-test" })));
    }
}
