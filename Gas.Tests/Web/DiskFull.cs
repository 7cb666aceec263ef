using System.Diagnostics;
using System.Net;
using Gas.Core.Embedded;
using Gas.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Web;

/// <summary>
/// The embedded store on a disk that fills up: a real 1 MiB tmpfs mounted over the store's objects folder (the test
/// needs root to mount it, as CI has; without it the test fails saying so). Failed writes leave no partial file, the
/// upload is answered 507 with a clear message, and <c>/health</c> turns Degraded when free space runs low.
/// </summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class DiskFull
{
    private const long FloorBytes = 512 * 1024;

    private static GasAppFactory _app = null!;
    private static string _objects = "";

    [ClassInitialize]
    public static void Start(TestContext _)
    {
        _app = new GasAppFactory(new Dictionary<string, string?> { ["Gas:Web:MinFreeDiskBytes"] = FloorBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        _objects = Path.Combine(_app.DataDirectory, "objects");
        Directory.CreateDirectory(_objects);
        Run("mount", $"-t tmpfs -o size=1m gas-test-disk-full {_objects}");
    }

    [ClassCleanup]
    public static void Stop()
    {
        _app.Dispose();
        Run("umount", $"-l {_objects}");
    }

    [TestMethod]
    public async Task AFullDiskGivesA507UploadNoPartialFilesAndADegradedHealth()
    {
        using var browser = _app.NewSession();
        await browser.RegisterAsync();
        StringAssert.Contains(await browser.Client.GetStringAsync("/health"), "\"status\":\"Healthy\"");

        // Leave ~100 KiB: under the health floor, and less than the 140 KB upload below.
        var free = new DriveInfo(_objects).AvailableFreeSpace;
        await File.WriteAllBytesAsync(Path.Combine(_objects, "filler"), new byte[free - (100 * 1024)]);
        var health = await browser.Client.GetAsync("/health");
        var report = await health.Content.ReadAsStringAsync();
        StringAssert.Contains(report, "\"status\":\"Degraded\"");
        StringAssert.Contains(report, "low disk space");

        var (action, fields) = await browser.GetUploadFormAsync();
        var upload = await browser.PostToStoreAsync(action, fields, "big.vcf", new byte[140 * 1024]);
        Assert.AreEqual(HttpStatusCode.InsufficientStorage, upload.StatusCode);
        StringAssert.Contains(await upload.Content.ReadAsStringAsync(), "out of disk space; nothing was stored");
        var store = _app.Services.GetRequiredService<FolderObjectStore>();
        Assert.IsEmpty(store.PartialFiles(), "the failed upload left no partial file");

        // The store's own writes (the annotator's results) clean up the same way.
        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("gas-results", "u/j~big.annot.vcf", new MemoryStream(new byte[140 * 1024]), "text/plain"));
        Assert.IsEmpty(store.PartialFiles(), "the failed put left no partial file");

        // Once there is room again, the same form (given back, since nothing was stored) works.
        File.Delete(Path.Combine(_objects, "filler"));
        var retry = await browser.PostToStoreAsync(action, fields, "big.vcf", new byte[140 * 1024]);
        Assert.AreEqual(HttpStatusCode.Redirect, retry.StatusCode, await retry.Content.ReadAsStringAsync());
        StringAssert.Contains(await browser.Client.GetStringAsync("/health"), "\"status\":\"Healthy\"");
    }

    private static void Run(string command, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Assert.Fail($"`{command} {arguments}` failed ({process.ExitCode}): {error} — this test mounts a small tmpfs and needs root.");
        }
    }
}
