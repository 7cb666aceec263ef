using Gas.Annotator.Engine;

namespace Gas.Tests.Engine;

/// <summary>
/// Every engine reads its input by one set of rules: the same encodings, line ends and errors, on the same lines. The build-aware
/// engine (the daemon's) reads the header once more to choose the build, by the same rules.
/// </summary>
[TestClass]
[TestCategory("Engine")]
public sealed class InputRules
{
    private const string Record = "1\t10300\t.\tA\tG\t50\tPASS\tDP=10";
    private static readonly string Vcf = EngineTestData.Vcf(Record, "1\t10301\t.\tC\tA\t.\t.\t.");

    private static Task<Annotated> Run(string engine, byte[] input) => EngineTestData.AnnotateAsync(EngineTestData.Engine(engine), input);

    private static Task<string> InvalidVcf(string engine, string vcf) =>
        EngineTestData.MessageOf<VcfFormatException>(Run(engine, InputFiles.Utf8(vcf)), $"the {engine} engine to reject the input");

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    [DataRow("build-aware")]
    public async Task AcceptsAUtf8ByteOrderMark(string engine)
    {
        var plain = await Run(engine, InputFiles.Utf8(Vcf));

        var marked = await Run(engine, [0xEF, 0xBB, 0xBF, .. InputFiles.Utf8(Vcf)]);

        Assert.AreEqual(plain.Output, marked.Output);
        StringAssert.Contains(marked.Log, "UTF-8 with a byte-order mark");
    }

    [TestMethod]
    [DataRow("basic", false, true)]
    [DataRow("basic", true, true)]
    [DataRow("basic", false, false)]
    [DataRow("reference", false, true)]
    [DataRow("reference", true, true)]
    [DataRow("reference", false, false)]
    [DataRow("build-aware", false, true)]
    [DataRow("build-aware", true, true)]
    [DataRow("build-aware", false, false)]
    public async Task ConvertsUtf16ToUtf8(string engine, bool bigEndian, bool byteOrderMark)
    {
        var plain = await Run(engine, InputFiles.Utf8(Vcf));

        var converted = await Run(engine, InputFiles.Utf16(Vcf, bigEndian, byteOrderMark));

        Assert.AreEqual(plain.Output, converted.Output);
        StringAssert.Contains(converted.Log, bigEndian ? "UTF-16BE converted to UTF-8" : "UTF-16LE converted to UTF-8");
    }

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    [DataRow("build-aware")]
    public async Task RefusesUtf32WithAMessageSayingHowToSaveIt(string engine)
    {
        byte[] utf32 = [0xFF, 0xFE, 0, 0, .. System.Text.Encoding.UTF32.GetBytes(Vcf)];

        var message = await EngineTestData.MessageOf<VcfFormatException>(Run(engine, utf32), "the UTF-32 input to be refused");

        StringAssert.StartsWith(message, "Line 1: the file is UTF-32 text");
        StringAssert.Contains(message, "save it as UTF-8");
    }

    [TestMethod]
    [DataRow("basic", "\r")]
    [DataRow("basic", "\r\n")]
    [DataRow("reference", "\r")]
    [DataRow("reference", "\r\n")]
    [DataRow("build-aware", "\r")]
    [DataRow("build-aware", "\r\n")]
    public async Task ReadsOldMacAndWindowsLineEndsAsUnixOnes(string engine, string lineEnd)
    {
        var unix = await Run(engine, InputFiles.Utf8(Vcf));

        var other = await Run(engine, InputFiles.Utf8(Vcf.Replace("\n", lineEnd, StringComparison.Ordinal)));

        Assert.AreEqual(unix.Output, other.Output);
        Assert.AreEqual(2, other.Summary.Variants);
    }

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    [DataRow("build-aware")]
    public async Task KeepsACarriageReturnLineFeedTogetherWhenAReadSplitsThem(string engine)
    {
        var unix = await Run(engine, InputFiles.Utf8(Vcf));
        using var trickle = new TrickleStream(InputFiles.Utf8(Vcf.Replace("\n", "\r\n", StringComparison.Ordinal)), bytesPerRead: 1);

        var windows = await EngineTestData.AnnotateAsync(EngineTestData.Engine(engine), trickle);

        Assert.AreEqual(unix.Output, windows.Output);
    }

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    [DataRow("build-aware")]
    public async Task RefusesAPositionBeyondTheLargest32BitOne(string engine)
    {
        var message = await InvalidVcf(engine, EngineTestData.Vcf(Record, "1\t3000000000\t.\tA\tG\t.\t.\t."));

        Assert.AreEqual("Line 4: POS 3000000000 is beyond 2,147,483,647, the largest position GAS reads (no chromosome is that long: is a column shifted?).", message);
    }

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    [DataRow("build-aware")]
    public async Task RefusesAPositionWhoseReferenceAlleleRunsPastTheLargest32BitOne(string engine)
    {
        var message = await InvalidVcf(engine, EngineTestData.Vcf("1\t2147483647\t.\tACGT\tA\t.\t.\t."));

        StringAssert.StartsWith(message, "Line 3: POS 2147483647 is beyond 2,147,483,647");
    }

    [TestMethod]
    [DataRow("basic", "A,,G", "ALT 'A,,G' has an empty allele.")]
    [DataRow("reference", "A,,G", "ALT 'A,,G' has an empty allele.")]
    [DataRow("basic", "G,", "ALT 'G,' has an empty allele.")]
    [DataRow("reference", ".,G", "ALT '.,G' lists '.' (no alternate allele) with other alleles.")]
    [DataRow("basic", "X", "ALT allele 'X' is not bases (A, C, G, T, N), '*', '.', a symbolic allele such as <DEL>, or a breakend such as G]17:198982].")]
    [DataRow("reference", "G,<DEL", "ALT allele '<DEL' is not bases (A, C, G, T, N), '*', '.', a symbolic allele such as <DEL>, or a breakend such as G]17:198982].")]
    [DataRow("basic", "G]17:198982[", "ALT allele 'G]17:198982[' is not bases (A, C, G, T, N), '*', '.', a symbolic allele such as <DEL>, or a breakend such as G]17:198982].")]
    [DataRow("reference", "A G", "ALT allele 'A G' is not bases (A, C, G, T, N), '*', '.', a symbolic allele such as <DEL>, or a breakend such as G]17:198982].")]
    public async Task NamesWhatIsWrongWithAnAlt(string engine, string alt, string problem)
    {
        var message = await InvalidVcf(engine, EngineTestData.Vcf(Record, $"1\t10301\t.\tC\t{alt}\t.\t.\t."));

        Assert.AreEqual("Line 4: " + problem, message);
    }

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    [DataRow("build-aware")]
    public async Task AcceptsEveryFormOfAltThatVcfAllows(string engine)
    {
        string[] alts = ["G", "GA,T", ".", "*,T", "<DEL>", "T,<NON_REF>", "G]17:198982]", "]13:123456]T", "C[2:321682[", "[17:198983[A", ".A", "G."];

        var result = await Run(engine, InputFiles.Utf8(EngineTestData.Vcf([.. alts.Select(alt => $"1\t10301\t.\tC\t{alt}\t.\t.\t.")])));

        Assert.AreEqual(alts.Length, result.Summary.Variants);
    }

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    [DataRow("build-aware")]
    public async Task RefusesASecondColumnHeaderLine(string engine)
    {
        var joined = EngineTestData.Vcf(Record) + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n" + Record + "\n";

        var message = await InvalidVcf(engine, joined);

        Assert.AreEqual("Line 4: a second '#CHROM' header line; a VCF has one, before its records (were two files joined?).", message);
    }

    [TestMethod]
    [DataRow("hello\n", "Line 1: a VCF file must start with a '##fileformat=VCFv4.x' line.")]
    [DataRow("##fileformat=VCFv4.2\n1\t5\t.\tA\tG\t.\t.\t.\n", "Line 2: a data line came before the '#CHROM' header line.")]
    [DataRow("##fileformat=VCFv4.2\n#CHROM POS ID\n", "Line 2: the header line must be tab-separated '#CHROM POS ID REF ALT QUAL FILTER INFO'.")]
    [DataRow("##fileformat=VCFv4.2\n##source=x\n", "Line 2: the '#CHROM' header line is missing.")]
    [DataRow("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t5\t.\tA\tG\t.\t.\t.\n##late=1\n", "Line 4: a header line came after the '#CHROM' line.")]
    [DataRow("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\tten\t.\tA\tG\t.\t.\t.\n", "Line 3: POS 'ten' is not a non-negative integer.")]
    [DataRow("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t5\t.\tAXG\tG\t.\t.\t.\n", "Line 3: REF 'AXG' must be bases A, C, G, T or N.")]
    [DataRow("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t5\t.\tA\tG\t.\t.\n", "Line 3: expected at least 8 tab-separated columns, found 7.")]
    [DataRow("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t5\t.\tA\tG\t.\t.\t.\tGT\n", "Line 3: expected 8 columns as in the header line, found 9.")]
    [DataRow("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n\t5\t.\tA\tG\t.\t.\t.\n", "Line 3: CHROM is empty.")]
    [DataRow("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t5\t.\tA\t\t.\t.\t.\n", "Line 3: ALT is empty (use '.' for none).")]
    [DataRow("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t5\t.\tA\tG\thigh\t.\t.\n", "Line 3: QUAL 'high' is not a number or '.'.")]
    public async Task BothEnginesGiveTheSameMessageOnTheSameLine(string vcf, string expected)
    {
        var basic = await InvalidVcf("basic", vcf);
        var reference = await InvalidVcf("reference", vcf);
        var buildAware = await InvalidVcf("build-aware", vcf);

        Assert.AreEqual(expected, basic);
        Assert.AreEqual(expected, reference);
        Assert.AreEqual(expected, buildAware, "the build-aware engine reads the header by the same rules before choosing a build");
    }

    [TestMethod]
    [DataRow("basic")]
    [DataRow("reference")]
    [DataRow("build-aware")]
    public async Task ShowsOnlyTheStartOfAHugeBadValue(string engine)
    {
        var message = await InvalidVcf(engine, EngineTestData.Vcf($"1\t5\t.\t{new string('X', 100_000)}\tG\t.\t.\t."));

        Assert.IsLessThan(200, message.Length, message);
        StringAssert.Contains(message, "XXXX…' must be bases");
    }

    /// <summary>A seekable stream that hands out at most a few bytes per read, as a slow network or pipe might.</summary>
    private sealed class TrickleStream(byte[] data, int bytesPerRead) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, bytesPerRead));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, bytesPerRead)]);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, bytesPerRead), cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, bytesPerRead)], cancellationToken);
    }
}
