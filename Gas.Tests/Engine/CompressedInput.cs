using Gas.Annotator.Engine;
using Gas.Annotator.Worker;
using Gas.Core.Jobs;

namespace Gas.Tests.Engine;

/// <summary>
/// Compressed input is read whole or not at all (issue 10 item 7), and never past the owner's plan (item 6): a cut or corrupt
/// gzip fails with a clear reason, and a compression bomb stops at the plan's limit.
/// </summary>
[TestClass]
[TestCategory("Engine")]
public sealed class CompressedInput
{
    private static readonly AnnotationLimits Free = new PlanLimits().For(UserTier.Free);

    /// <summary>5,000 records, about 190 KB of text: several BGZF blocks.</summary>
    private static byte[] FiveThousandRecords() =>
        InputFiles.Utf8(InputFiles.Vcf(5_000, i => $"1\t{10_000 + i}\t.\tA\tG\t50\tPASS\tDP={i % 90};AF=0.5"));

    private static byte[] TwoHundredSixtyThousandRecords() =>
        InputFiles.Gzip(InputFiles.Utf8(InputFiles.Vcf(260_000, i => $"1\t{10_000 + i}\t.\tA\tG\t.\t.\t.")));

    private static Task<Annotated> Run(string engine, byte[] input, AnnotationLimits? limits = null) =>
        EngineTestData.AnnotateAsync(EngineTestData.Engine(engine), input, limits);

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    [DataRow("build-aware")]
    public async Task ReadsEveryBlockOfACompleteBgzfFile(string engine)
    {
        var bgzf = InputFiles.Bgzf(FiveThousandRecords(), out var blocks);
        Assert.IsGreaterThan(2, blocks.Count);

        var result = await Run(engine, bgzf);

        Assert.AreEqual(5_000, result.Summary.Variants);
        StringAssert.Contains(result.Log, "gzip (BGZF)");
    }

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    [DataRow("build-aware")]
    public async Task FailsABgzfFileCutOnABlockBoundaryAsTruncated(string engine)
    {
        var bgzf = InputFiles.Bgzf(FiveThousandRecords(), out var blocks);
        var cut = bgzf[..blocks[blocks.Count / 2]];

        var message = await EngineTestData.MessageOf<DamagedInputException>(Run(engine, cut), "the cut BGZF file to be refused");

        StringAssert.StartsWith(message, "The input is truncated: it is BGZF (bgzip) compressed but lacks the end-of-file block");
    }

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    [DataRow("build-aware")]
    public async Task FailsAGzipCutInsideAMemberAsTruncated(string engine)
    {
        var gzip = InputFiles.Gzip(FiveThousandRecords());

        var message = await EngineTestData.MessageOf<DamagedInputException>(Run(engine, gzip[..(gzip.Length * 2 / 3)]), "the cut gzip to be refused");

        StringAssert.StartsWith(message, "The input is truncated: its gzip data ends before the compressed stream is complete");
    }

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    [DataRow("build-aware")]
    public async Task FailsAGzipThatLostOnlyItsTrailerAsTruncated(string engine)
    {
        var gzip = InputFiles.Gzip(FiveThousandRecords());

        var message = await EngineTestData.MessageOf<DamagedInputException>(Run(engine, gzip[..^8]), "the gzip without its trailer to be refused");

        StringAssert.StartsWith(message, "The input is truncated");
    }

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    [DataRow("build-aware")]
    public async Task FailsAMemberWithABadChecksumAsCorrupt(string engine)
    {
        var file = InputFiles.GzipWithABadChecksumInside(InputFiles.Vcf(5_000, i => $"1\t{10_000 + i}\t.\tA\tG\t.\t.\t."));

        var message = await EngineTestData.MessageOf<DamagedInputException>(Run(engine, file), "the bad checksum to be refused");

        StringAssert.StartsWith(message, "The input is corrupt: part of its gzip data fails its checksum");
    }

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    [DataRow("build-aware")]
    public async Task StopsACompressionBombAtTheFreePlansDecompressedLimit(string engine)
    {
        // 6,000 records with 10 KB of INFO each: 60 MB of text (fewer variants than the plan allows) in a small gzip
        var info = new string('A', 10_000);
        var bomb = InputFiles.Gzip(InputFiles.Utf8(InputFiles.Vcf(6_000, i => $"1\t{10_000 + i}\t.\tA\tG\t.\t.\tX={info}")),
            System.IO.Compression.CompressionLevel.SmallestSize);
        Assert.IsLessThan(1 << 20, bomb.Length, "the bomb is small");

        var message = await EngineTestData.MessageOf<InputTooLargeException>(Run(engine, bomb, Free), "the bomb to be stopped");

        Assert.AreEqual("The decompressed input exceeds the Free plan's limit of 50 MB; upgrade to Premium for larger inputs, or split the file.", message);
    }

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    [DataRow("build-aware")]
    public async Task StopsAtTheFreePlansVariantLimit(string engine)
    {
        var message = await EngineTestData.MessageOf<InputTooLargeException>(Run(engine, TwoHundredSixtyThousandRecords(), Free), "the variant limit to be enforced");

        Assert.AreEqual("The input has more than 250,000 variants, the Free plan's limit; upgrade to Premium for larger inputs, or split the file.", message);
    }

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    [DataRow("build-aware")]
    public async Task ReadsTheSameInputInFullWithoutAPlan(string engine)
    {
        var result = await Run(engine, TwoHundredSixtyThousandRecords());

        Assert.AreEqual(260_000, result.Summary.Variants);
    }
}
