using System.Text;
using Gas.Core.Storage;

namespace Gas.Tests.Contracts;

[TestClass]
[TestCategory("Contract")]
public sealed class ObjectStoreContract
{
    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task PutsHeadsReadsAndDeletesAnObject(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var bucket = adapters.Storage.ResultsBucket;
        const string key = "user-1/job-1~free_1.annot.vcf";
        var content = Encoding.UTF8.GetBytes("##fileformat=VCFv4.2\n#CHROM\tPOS\n");

        await adapters.Objects.PutAsync(bucket, key, new MemoryStream(content), "text/plain");

        var head = await adapters.Objects.HeadAsync(bucket, key);
        Assert.IsNotNull(head);
        Assert.AreEqual(content.Length, head.Size);
        Assert.AreEqual(key, head.Key);
        Assert.IsFalse(string.IsNullOrEmpty(head.ETag));
        Assert.IsFalse(head.ETag.Contains('"', StringComparison.Ordinal));

        await using (var stream = await adapters.Objects.OpenReadAsync(bucket, key))
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            CollectionAssert.AreEqual(content, copy.ToArray());
        }

        await adapters.Objects.DeleteAsync(bucket, key);
        Assert.IsNull(await adapters.Objects.HeadAsync(bucket, key));
        await adapters.Objects.DeleteAsync(bucket, key);
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task StoresAStreamOfUnknownLength(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var content = Enumerable.Range(0, 200_000).Select(i => (byte)(i % 251)).ToArray();

        await adapters.Objects.PutAsync(adapters.Storage.InputsBucket, "u/big.vcf", new ForwardOnlyStream(content), "text/plain");

        Assert.AreEqual(content.Length, (await adapters.Objects.HeadAsync(adapters.Storage.InputsBucket, "u/big.vcf"))!.Size);
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task StoresALocalFileByTakingItOverAndReplacesTheObject(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var bucket = adapters.Storage.ResultsBucket;
        const string key = "user-1/job-2~free_1.annot.vcf";
        await adapters.Objects.PutAsync(bucket, key, new MemoryStream("old"u8.ToArray()), "text/vcf");
        var content = Enumerable.Range(0, 300_000).Select(i => (byte)(i % 253)).ToArray();
        var path = await LocalFileAsync(Path.GetTempPath(), content);

        await adapters.Objects.PutFileAsync(bucket, key, path, "text/vcf");

        Assert.IsFalse(File.Exists(path), "the store took the file over");
        CollectionAssert.AreEqual(content, await ReadAsync(adapters.Objects, bucket, key));
        Assert.AreEqual(content.Length, (await adapters.Objects.HeadAsync(bucket, key))!.Size);
        AssertNoPartialFiles(adapters.Objects);
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task StoresALocalFileFromAnotherDisk(string family)
    {
        // /dev/shm is a tmpfs: for the folder store a move from there is a copy, not a rename.
        if (!Directory.Exists("/dev/shm"))
        {
            Assert.Inconclusive("no /dev/shm on this machine to hold a file on another disk");
        }

        await using var adapters = await AdapterFamily.CreateAsync(family);
        var content = "##fileformat=VCFv4.2\n"u8.ToArray();
        var path = await LocalFileAsync("/dev/shm", content);

        await adapters.Objects.PutFileAsync(adapters.Storage.ResultsBucket, "user-1/shm.vcf", path, "text/vcf");

        Assert.IsFalse(File.Exists(path), "the store took the file over");
        CollectionAssert.AreEqual(content, await ReadAsync(adapters.Objects, adapters.Storage.ResultsBucket, "user-1/shm.vcf"));
        AssertNoPartialFiles(adapters.Objects);
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task RemovesTheLocalFileEvenWhenItIsNotStored(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var bucket = adapters.Storage.ResultsBucket;
        var path = await LocalFileAsync(Path.GetTempPath(), "never stored"u8.ToArray());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(() => adapters.Objects.PutFileAsync(bucket, "user-1/cancelled.vcf", path, "text/vcf", cancelled.Token));

        Assert.IsFalse(File.Exists(path), "the file is the store's once handed over, stored or not");
        Assert.IsNull(await adapters.Objects.HeadAsync(bucket, "user-1/cancelled.vcf"));
        await Assert.ThrowsAsync<FileNotFoundException>(() => adapters.Objects.PutFileAsync(bucket, "user-1/absent.vcf", path, "text/vcf"));
        Assert.IsNull(await adapters.Objects.HeadAsync(bucket, "user-1/absent.vcf"));
        AssertNoPartialFiles(adapters.Objects);
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task ReportsAMissingObject(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);

        Assert.IsNull(await adapters.Objects.HeadAsync(adapters.Storage.ResultsBucket, "nope/missing.vcf"));
        var error = await Assert.ThrowsAsync<ObjectNotFoundException>(() => adapters.Objects.OpenReadAsync(adapters.Storage.ResultsBucket, "nope/missing.vcf"));
        Assert.AreEqual("nope/missing.vcf", error.Key);
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task SignsADownloadUrlThatFetchesTheObjectUnderItsFileName(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var bucket = adapters.Storage.ResultsBucket;
        await adapters.Objects.PutAsync(bucket, "user-1/job-1~free_1.annot.vcf", new MemoryStream("annotated"u8.ToArray()), "text/plain");

        var url = await adapters.Objects.GetDownloadUrlAsync(bucket, "user-1/job-1~free_1.annot.vcf", "free_1.annot.vcf", TimeSpan.FromMinutes(5));
        using var response = await adapters.Http.GetAsync(url);

        Assert.IsTrue(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.AreEqual("annotated", await response.Content.ReadAsStringAsync());
        if (family == "aws")
        {
            // fauxqs ignores response-content-disposition; S3 answers with it as the header. Check the signed request asks for it.
            StringAssert.Contains(Uri.UnescapeDataString(url.Query), "response-content-disposition=attachment; filename=\"free_1.annot.vcf\"");
            return;
        }

        var disposition = response.Content.Headers.ContentDisposition;
        Assert.IsNotNull(disposition);
        Assert.AreEqual("attachment", disposition.DispositionType);
        Assert.AreEqual("free_1.annot.vcf", disposition.FileNameStar ?? disposition.FileName?.Trim('"'));
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task RefusesATamperedDownloadUrl(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var bucket = adapters.Storage.ResultsBucket;
        await adapters.Objects.PutAsync(bucket, "user-1/a.vcf", new MemoryStream("a"u8.ToArray()), "text/plain");
        await adapters.Objects.PutAsync(bucket, "user-2/b.vcf", new MemoryStream("b"u8.ToArray()), "text/plain");

        var url = (await adapters.Objects.GetDownloadUrlAsync(bucket, "user-1/a.vcf", "a.vcf", TimeSpan.FromMinutes(5))).ToString();
        var tampered = new Uri(url.Replace("user-1/a.vcf", "user-2/b.vcf", StringComparison.Ordinal), UriKind.RelativeOrAbsolute);
        Assert.AreNotEqual(url, tampered.OriginalString, "the key appears in the URL");

        // fauxqs does not check signatures; S3 does. For the aws family, PresignedUrlCheck checks them as S3 would.
        using var check = family == "aws" ? new PresignedUrlCheck(AdapterFamily.EmulatorCredentials.GetCredentials().SecretKey, adapters.Time) : null;
        using var client = check is null ? null : new HttpClient(check, disposeHandler: false);
        var http = client ?? adapters.Http;

        using var genuine = await http.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute));
        Assert.AreEqual(System.Net.HttpStatusCode.OK, genuine.StatusCode, "the URL as signed is served");
        Assert.AreEqual("a", await genuine.Content.ReadAsStringAsync());
        using var response = await http.GetAsync(tampered);

        Assert.AreEqual(System.Net.HttpStatusCode.Forbidden, response.StatusCode, await response.Content.ReadAsStringAsync());
        if (family == "aws")
        {
            // The SDK turns the expiry into seconds from its own signing instant, so allow for the clock ticking in between (a busy machine may stall).
            var expires = int.Parse(System.Text.RegularExpressions.Regex.Match(url, "X-Amz-Expires=([0-9]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.IsTrue(expires is >= 240 and <= 301, $"X-Amz-Expires={expires}: about 5 minutes");
        }
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task DescribesABrowserUploadFormBoundToTheBucketAndPrefix(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var policy = new UploadPolicy(adapters.Storage.InputsBucket, "user-1/job-9~", 150 * 1024, "https://gas.test/annotate/job", TimeSpan.FromMinutes(10));

        var form = await adapters.Objects.CreateUploadFormAsync(policy);

        Assert.AreEqual("user-1/job-9~${filename}", form.Fields["key"]);
        Assert.AreEqual("https://gas.test/annotate/job", form.Fields["success_action_redirect"]);
        Assert.IsTrue(form.Fields.ContainsKey("policy"));
        Assert.IsFalse(form.Fields.ContainsKey("file"), "the file goes last, added by the page");
        StringAssert.Contains(form.Url.ToString(), adapters.Storage.InputsBucket);
    }

    [TestMethod]
    [DataRow("embedded")]
    [DataRow("aws")]
    public async Task DescribesAProgramsUploadFormWithItsFinalKeyAndASuccessStatus(string family)
    {
        await using var adapters = await AdapterFamily.CreateAsync(family);
        var policy = UploadPolicy.ForClient(adapters.Storage.InputsBucket, "user-1/job-9~", "free_1.vcf", 150 * 1024, TimeSpan.FromMinutes(10));

        var form = await adapters.Objects.CreateUploadFormAsync(policy);

        Assert.AreEqual("user-1/job-9~free_1.vcf", form.Fields["key"]);
        Assert.AreEqual("201", form.Fields["success_action_status"]);
        Assert.IsFalse(form.Fields.ContainsKey("success_action_redirect"), "a program's form needs no browser redirect");
        Assert.IsTrue(form.Fields.ContainsKey("policy"));
        StringAssert.Contains(form.Url.ToString(), adapters.Storage.InputsBucket);
    }

    private static async Task<string> LocalFileAsync(string folder, byte[] content)
    {
        var path = Path.Combine(folder, "gas-contract-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(path, content);
        return path;
    }

    private static async Task<byte[]> ReadAsync(IObjectStore objects, string bucket, string key)
    {
        await using var stream = await objects.OpenReadAsync(bucket, key);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static void AssertNoPartialFiles(IObjectStore objects)
    {
        if (objects is Gas.Core.Embedded.FolderObjectStore folder)
        {
            Assert.IsEmpty(folder.PartialFiles(), "no partial file left behind");
        }
    }

    /// <summary>A stream that cannot seek or say its length, like a request body.</summary>
    private sealed class ForwardOnlyStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => base.Position; set => throw new NotSupportedException(); }
    }
}
