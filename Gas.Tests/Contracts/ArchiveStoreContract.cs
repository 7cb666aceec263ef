using Gas.Core.Archive;

namespace Gas.Tests.Contracts;

/// <summary>
/// Cold storage semantics. The aws family runs the S3 GLACIER adapter against <see cref="GlacierS3Simulator"/>
/// (no emulator here models storage classes or RestoreObject); both families take their time from the shifted clock.
/// </summary>
[TestClass]
[TestCategory("Contract")]
public sealed class ArchiveStoreContract
{
    private static readonly TimeSpan LongerThanAnyRestore = TimeSpan.FromHours(13);

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task KeepsAnArchiveUnreadableUntilItsRestoreCompletes(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var archive = adapters.Archive;
        var content = "##fileformat=VCFv4.2\nresults"u8.ToArray();

        var id = IArchiveStore.NewId();
        await archive.ArchiveAsync(id, new MemoryStream(content), "job-1 results (ünïcode description)");

        Assert.AreEqual(content.Length, await archive.GetSizeAsync(id));
        Assert.AreEqual(RestoreProgress.NotRequested, await archive.GetRestoreProgressAsync(id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => archive.OpenRestoredAsync(id));

        Assert.AreEqual(RestoreRequestOutcome.Started, await archive.RequestRestoreAsync(id, RestoreTier.Standard));
        Assert.AreEqual(RestoreProgress.InProgress, await archive.GetRestoreProgressAsync(id));
        Assert.AreEqual(RestoreRequestOutcome.AlreadyInProgress, await archive.RequestRestoreAsync(id, RestoreTier.Expedited));
        await Assert.ThrowsAsync<InvalidOperationException>(() => archive.OpenRestoredAsync(id));

        adapters.Time.Advance(LongerThanAnyRestore);

        Assert.AreEqual(RestoreProgress.Ready, await archive.GetRestoreProgressAsync(id));
        Assert.AreEqual(RestoreRequestOutcome.AlreadyRestored, await archive.RequestRestoreAsync(id, RestoreTier.Standard));
        await using var restored = await archive.OpenRestoredAsync(id);
        using var copy = new MemoryStream();
        await restored.CopyToAsync(copy);
        CollectionAssert.AreEqual(content, copy.ToArray());
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task SaysWhenExpeditedRetrievalIsRefusedSoTheCallerCanFallBack(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family, refuseExpedited: true);
        var id = IArchiveStore.NewId();
        await adapters.Archive.ArchiveAsync(id, new MemoryStream("x"u8.ToArray()), "job-2 results");

        Assert.AreEqual(RestoreRequestOutcome.TierUnavailable, await adapters.Archive.RequestRestoreAsync(id, RestoreTier.Expedited));
        Assert.AreEqual(RestoreProgress.NotRequested, await adapters.Archive.GetRestoreProgressAsync(id));
        Assert.AreEqual(RestoreRequestOutcome.Started, await adapters.Archive.RequestRestoreAsync(id, RestoreTier.Standard));
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task ForgetsADeletedArchive(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var id = IArchiveStore.NewId();
        await adapters.Archive.ArchiveAsync(id, new MemoryStream("x"u8.ToArray()), "job-3 results");

        await adapters.Archive.DeleteAsync(id);

        Assert.IsNull(await adapters.Archive.GetSizeAsync(id));
        Assert.AreEqual(RestoreProgress.Missing, await adapters.Archive.GetRestoreProgressAsync(id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => adapters.Archive.RequestRestoreAsync(id, RestoreTier.Standard));
        await adapters.Archive.DeleteAsync(id);
    }
}
