using Gas.Annotator.Engine;

namespace Gas.Tests.Engine;

/// <summary>
/// No input holds an engine for ever: lines are bounded (issue 10 item 1, where a 757-byte .vcf.gz with a line over 512 KB made
/// the reference engine's fill loop spin for good) and every loop stops when the job is cancelled.
/// </summary>
[TestClass]
[TestCategory("Engine")]
public sealed class BoundedReading
{
    private static byte[] GzipWithALineOf(int infoBytes) =>
        InputFiles.Gzip(InputFiles.Utf8(EngineTestData.Vcf("1\t10300\t.\tA\tG\t.\t.\tDP=1", $"1\t10301\t.\tC\tA\t.\t.\tX={new string('A', infoBytes)}")),
            System.IO.Compression.CompressionLevel.SmallestSize);

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    [DataRow("build-aware")]
    public async Task FailsATinyGzipWhoseLineIsLongerThanTheLimitNamingTheLine(string engine)
    {
        var input = GzipWithALineOf(2 << 20);
        Assert.IsLessThan(8_000, input.Length, "a few KB of gzip, like the reported 757-byte file");

        var message = await EngineTestData.MessageOf<VcfFormatException>(
            EngineTestData.AnnotateAsync(EngineTestData.Engine(engine), input),
            $"the {engine} engine to reject a 2 MB line compressed to {input.Length:N0} bytes");

        StringAssert.StartsWith(message, "Line 4: line longer than 1,048,576 bytes");
    }

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    [DataRow("build-aware")]
    public async Task AnnotatesALineBetweenTheOldBufferAndTheLimit(string engine)
    {
        var input = GzipWithALineOf(600_000);

        var run = EngineTestData.AnnotateAsync(EngineTestData.Engine(engine), input);
        var failure = await EngineTestData.FailureOf(run, $"the {engine} engine to annotate a 600 KB line (the size that used to spin)");

        Assert.IsNull(failure, failure?.Message);
        Assert.AreEqual(2, (await run).Summary.Variants);
    }

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    [DataRow("build-aware")]
    public async Task HoldsLinesToTheConfiguredLimitToTheByte(string engine)
    {
        const int limit = 4096;
        var header = "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";
        var prefix = "1\t10300\t.\tA\tG\t.\t.\tX=";
        var atLimit = prefix + new string('A', limit - prefix.Length);

        var accepted = await EngineTestData.AnnotateAsync(EngineTestData.Engine(engine, limit), InputFiles.Utf8(header + atLimit + "\n"));
        var message = await EngineTestData.MessageOf<VcfFormatException>(
            EngineTestData.AnnotateAsync(EngineTestData.Engine(engine, limit), InputFiles.Utf8(header + atLimit + "A\n")),
            "a line one byte over the limit to be refused");

        Assert.AreEqual(1, accepted.Summary.Variants);
        StringAssert.StartsWith(message, "Line 3: line longer than 4,096 bytes");
    }

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    [DataRow("build-aware")]
    public async Task ReportsAnEarlierErrorBeforeALongLine(string engine)
    {
        var vcf = EngineTestData.Vcf("1\t10300\t.\tA\tG\t.\t.\t.", "1\tten\t.\tA\tG\t.\t.\t.", $"1\t10301\t.\tC\tA\t.\t.\tX={new string('A', 2 << 20)}");

        var message = await EngineTestData.MessageOf<VcfFormatException>(
            EngineTestData.AnnotateAsync(EngineTestData.Engine(engine), InputFiles.Utf8(vcf)), "the bad POS on line 4 to be reported");

        StringAssert.StartsWith(message, "Line 4: POS 'ten'");
    }

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    [DataRow("build-aware")]
    public async Task StopsReadingAnEndlessInputWhenCancelled(string engine)
    {
        using var input = new EndlessVcf();
        using var cancel = new CancellationTokenSource();
        var run = EngineTestData.AnnotateAsync(EngineTestData.Engine(engine), input, ct: cancel.Token);

        await input.ReadPastOneMegabyte.Task.WaitAsync(TimeSpan.FromMinutes(3));
        await cancel.CancelAsync();
        var failure = await EngineTestData.FailureOf(run, $"the {engine} engine to stop after cancellation");

        Assert.IsInstanceOfType<OperationCanceledException>(failure, failure?.ToString());
    }
}
