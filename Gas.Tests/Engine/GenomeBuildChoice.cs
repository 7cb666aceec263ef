using System.IO.Compression;
using System.Text;
using Gas.Annotator.Engine;
using Gas.Annotator.Engine.Reference;

namespace Gas.Tests.Engine;

/// <summary>
/// Which build an input is annotated against: hg19/ holds the synthetic fixture tables, hg38/ the protein fixture's, so the
/// gene a record gets shows which folder was used (chr5:18 is in FWD only in hg38/).
/// </summary>
[TestClass]
[TestCategory("Engine")]
public sealed class GenomeBuildChoice
{
    private static readonly Lazy<BuildAwareVcfEngine> _both = new(() => Engine(withHg38: true));
    private const string Record = "5\t18\t.\tC\tA\t.\t.\t.";

    private static BuildAwareVcfEngine Engine(bool withHg38, int maxLineBytes = EngineOptions.DefaultMaxLineBytes)
    {
        var directory = EngineTestData.NewTempDirectory();
        var hg19 = Directory.CreateDirectory(Path.Combine(directory, "hg19")).FullName;
        foreach (var file in Directory.GetFiles(EngineTestData.SyntheticDirectory, "synthetic_*"))
        {
            File.Copy(file, Path.Combine(hg19, Path.GetFileName(file)));
        }

        if (withHg38)
        {
            Directory.Move(ProteinFixture.WriteDirectory(withGenome: true), Path.Combine(directory, "hg38"));
        }

        return new BuildAwareVcfEngine(new ReferenceLibrary(directory, EngineTestData.NewTempDirectory()), TimeProvider.System, maxLineBytes);
    }

    private static async Task<Annotated> Annotate(BuildAwareVcfEngine engine, string header, string? build = null, bool gzip = false)
    {
        var vcf = Encoding.UTF8.GetBytes("##fileformat=VCFv4.2\n" + header + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n" + Record + "\n");
        if (gzip)
        {
            using var buffer = new MemoryStream();
            using (var z = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            {
                z.Write(vcf);
            }

            vcf = buffer.ToArray();
        }

        using var input = new MemoryStream(vcf);
        using var output = new MemoryStream();
        using var log = new StringWriter();
        var summary = await engine.AnnotateAsync(input, output, log, build, CancellationToken.None);
        return new Annotated(Encoding.UTF8.GetString(output.ToArray()), summary, log.ToString());
    }

    [TestMethod]
    [DataRow("##reference=file:///ref/GRCh38_full_analysis_set.fna\n", "##reference=file:///ref/GRCh38_full_analysis_set.fna")]
    [DataRow("##contig=<ID=chr1,length=248956422>\n##contig=<ID=chr2,length=242193529>\n", "##contig lengths")]
    [DataRow("##contig=<ID=chr5,assembly=hg38>\n", "##contig=<ID=chr5,assembly=hg38>")]
    public async Task DetectsGrch38FromTheHeader(string header, string evidence)
    {
        var result = await Annotate(_both.Value, header, gzip: evidence.Contains("length", StringComparison.Ordinal));

        Assert.AreEqual("GRCh38", result.Summary.GenomeBuild);
        Assert.AreEqual($"detected from {evidence}", result.Summary.GenomeBuildReason);
        Assert.AreEqual("FWD", result.Value("Gene.refGene"), "annotated with hg38/'s tables");
        StringAssert.Contains(result.Log, "Genome build: GRCh38 (hg38) (detected from");
    }

    [TestMethod]
    public async Task UsesGrch37WhenTheHeaderSaysNothingAndSaysItIsTheDefault()
    {
        var result = await Annotate(_both.Value, "");

        Assert.AreEqual("GRCh37", result.Summary.GenomeBuild);
        StringAssert.Contains(result.Summary.GenomeBuildReason, "the header does not say");
        Assert.AreEqual("intergenic", result.Value("Func.refGene"), "hg19/ has no gene on chr5");
    }

    [TestMethod]
    public async Task FollowsTheBuildChosenOnUploadOverTheHeader()
    {
        var result = await Annotate(_both.Value, "##reference=hs37d5.fa\n", build: "GRCh38");

        Assert.AreEqual("GRCh38", result.Summary.GenomeBuild);
        Assert.AreEqual("chosen on upload", result.Summary.GenomeBuildReason);
        Assert.AreEqual("FWD", result.Value("Gene.refGene"));
    }

    [TestMethod]
    public async Task RefusesAnInputCalledOnAnotherBuild()
    {
        var error = await Assert.ThrowsExactlyAsync<GenomeBuildRefusedException>(() => Annotate(_both.Value, "##reference=human_b36_both.fasta\n"));

        StringAssert.Contains(error.Message, "NCBI36 (hg18)");
        StringAssert.Contains(error.Message, "GRCh37 and GRCh38 only");
    }

    [TestMethod]
    public async Task RefusesABuildThatIsNotInstalledAndSaysHowToGetIt()
    {
        var onlyHg19 = Engine(withHg38: false);

        var chosen = await Assert.ThrowsExactlyAsync<GenomeBuildRefusedException>(() => Annotate(onlyHg19, "", build: "GRCh38"));
        var detected = await Assert.ThrowsExactlyAsync<GenomeBuildRefusedException>(() => Annotate(onlyHg19, "##reference=GRCh38.fa\n"));

        StringAssert.Contains(chosen.Message, "reference fetch --build hg38");
        StringAssert.Contains(detected.Message, "reference fetch --build hg38");
    }

    [TestMethod]
    public async Task DetectsTheBuildFromAUtf16Header()
    {
        var vcf = "##fileformat=VCFv4.2\n##reference=file:///ref/GRCh38_full_analysis_set.fna\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n" + Record + "\n";

        var result = await EngineTestData.AnnotateAsync(_both.Value, InputFiles.Utf16(vcf, bigEndian: false, byteOrderMark: true));

        Assert.AreEqual("GRCh38", result.Summary.GenomeBuild);
        Assert.AreEqual("FWD", result.Value("Gene.refGene"));
    }

    [TestMethod]
    public async Task StopsAnEndlessHeaderAtThePlansLimitWhileDetectingTheBuild()
    {
        using var input = new EndlessVcf("##fileformat=VCFv4.2\n", "##comment=the header goes on and on\n");
        var limits = new AnnotationLimits("Free", 256 << 10, 1_000);

        var message = await EngineTestData.MessageOf<InputTooLargeException>(
            EngineTestData.AnnotateAsync(_both.Value, input, limits), "build detection to stop at the plan's decompressed limit");

        StringAssert.Contains(message, "the Free plan's limit of 256 KB");
    }

    [TestMethod]
    public async Task HoldsAHeaderLineToTheLineLimitWhileDetectingTheBuild()
    {
        using var input = new EndlessVcf("##fileformat=VCFv4.2\n##comment=", "x");

        var message = await EngineTestData.MessageOf<VcfFormatException>(
            EngineTestData.AnnotateAsync(Engine(withHg38: false, maxLineBytes: 4096), input), "build detection to refuse a header line past the limit");

        StringAssert.StartsWith(message, "Line 2: line longer than 4,096 bytes");
    }

    [TestMethod]
    public void TakesTablesDirectlyInTheFolderAsTheBuildTheirCytobandNames()
    {
        var library = new ReferenceLibrary(EngineTestData.SharedReferenceDirectory(), EngineTestData.CacheDirectory("full"));

        CollectionAssert.AreEqual(new[] { GenomeBuild.Grch37 }, library.Builds.ToArray(), "the hg19 cytoBand names GRCh37");
        Assert.IsFalse(library.IsLoaded(GenomeBuild.Grch37), "nothing is loaded before it is needed");
    }
}
