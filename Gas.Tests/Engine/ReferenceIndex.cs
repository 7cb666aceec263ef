using Gas.Annotator.Engine.Reference;

namespace Gas.Tests.Engine;

/// <summary>Loading reference tables, and the binary index cache that makes a daemon start quickly.</summary>
[TestClass]
[TestCategory("Engine")]
public sealed class ReferenceIndex
{
    [TestMethod]
    public void ReadsTheFullRefFlatAsAnnovarFiltersIt()
    {
        var reference = EngineTestData.FullReference;

        Assert.AreEqual("GRCh37", reference.Build?.Name);
        Assert.IsGreaterThan(35_000, reference.TranscriptCount);
        Assert.IsGreaterThan(22_000, reference.GeneCount);
        Assert.IsNull(reference.Find("6_cox_hap2"), "alternative haplotypes are left out");
        Assert.IsNotNull(reference.Find("17"), "chr17 is known as 17");
        Assert.AreEqual(249_250_621, reference.ContigLengths["1"]);
    }

    [TestMethod]
    public void WritesACacheThatTheNextLoadReadsInsteadOfTheTables()
    {
        var directory = EngineTestData.NewTempDirectory();
        foreach (var file in Directory.GetFiles(EngineTestData.SharedReferenceDirectory()))
        {
            File.CreateSymbolicLink(Path.Combine(directory, Path.GetFileName(file)), EngineTestData.Shared("refdata", Path.GetFileName(file)));
        }

        var first = ReferenceLoader.Load(directory);
        Assert.IsTrue(File.Exists(Path.Combine(directory, ReferenceLoader.CacheFileName)));

        using var log = new StringWriter();
        var second = ReferenceLoader.Load(directory, log: log);

        // How fast it loads depends on the machine; that it came from the cache, not from the tables, does not.
        StringAssert.Contains(log.ToString(), $"(index cache {Path.Combine(directory, ReferenceLoader.CacheFileName)}, loaded in ");
        Assert.DoesNotContain("tables parsed", log.ToString());
        Assert.AreEqual(first.TranscriptCount, second.TranscriptCount);
        Assert.AreEqual(first.GeneCount, second.GeneCount);
        CollectionAssert.AreEqual(first.Sources.ToList(), second.Sources.ToList());
    }

    [TestMethod]
    public void RebuildsTheCacheWhenATableChanges()
    {
        var directory = EngineTestData.NewTempDirectory();
        foreach (var file in Directory.GetFiles(EngineTestData.SyntheticDirectory, "*.txt"))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }

        var before = ReferenceLoader.Load(directory);
        var genes = Path.Combine(directory, "synthetic_refGene.txt");
        File.AppendAllText(genes, "0\tNM_NEW\tchr5\t+\t99\t1000\t199\t900\t1\t99,\t1000,\t0\tNEWGENE\tcmpl\tcmpl\t0,\n");
        File.SetLastWriteTimeUtc(genes, DateTime.UtcNow.AddMinutes(1));

        var after = ReferenceLoader.Load(directory);

        Assert.AreEqual(before.TranscriptCount + 1, after.TranscriptCount);
        Assert.IsNotNull(after.Find("5"));
    }

    [TestMethod]
    public void FallsBackToAnotherCacheFolderWhenTheReferenceIsReadOnly()
    {
        var cache = EngineTestData.NewTempDirectory();
        using var log = new StringWriter();

        ReferenceLoader.Load(EngineTestData.SyntheticDirectory, cache, log);

        Assert.IsTrue(File.Exists(Path.Combine(cache, ReferenceLoader.CacheFileName)));
        Assert.IsFalse(File.Exists(Path.Combine(EngineTestData.SyntheticDirectory, ReferenceLoader.CacheFileName)), "the fixtures in the repository stay untouched");
    }

    [TestMethod]
    public void FindsTablesByTheirUsualNames()
    {
        var files = ReferenceFiles.Discover(EngineTestData.SyntheticDirectory);

        Assert.AreEqual("synthetic_refGene.txt", Path.GetFileName(files.Genes));
        Assert.AreEqual("synthetic_cytoBand.txt", Path.GetFileName(files.CytoBand));
        Assert.AreEqual("synthetic_gwascatalog.txt", Path.GetFileName(files.Gwas));
        Assert.AreEqual("synthetic_dbsnp.vcf", Path.GetFileName(files.DbSnp));
    }

    [TestMethod]
    public void ReadsRefGeneRefFlatAndPlainGenePredLines()
    {
        var refGene = GenePredReader.Parse("585\tNM_1\tchr1\t-\t10\t100\t20\t90\t2\t10,50,\t30,100,\t0\tGENE1\tcmpl\tcmpl\t0,0,", "t", 1)!;
        var refFlat = GenePredReader.Parse("GENE1\tNM_1\tchr1\t-\t10\t100\t20\t90\t2\t10,50,\t30,100,", "t", 1)!;
        var genePred = GenePredReader.Parse("NM_1\tchr1\t-\t10\t100\t20\t90\t2\t10,50,\t30,100,", "t", 1)!;

        Assert.AreEqual("GENE1", refGene.Transcript.Gene);
        Assert.AreEqual("GENE1", refFlat.Transcript.Gene);
        Assert.AreEqual("NM_1", genePred.Transcript.Gene);
        foreach (var row in new[] { refGene, refFlat, genePred })
        {
            Assert.AreEqual("1", row.Chromosome);
            Assert.AreEqual(11, row.Transcript.TxStart, "0-based starts become 1-based");
            Assert.AreEqual(100, row.Transcript.TxEnd);
            CollectionAssert.AreEqual(new[] { 11, 51 }, row.Transcript.ExonStarts);
            Assert.IsFalse(row.Transcript.Forward);
        }
    }

    [TestMethod]
    public void ReadsTheUcscGwasCatalogLayoutToo()
    {
        const string ucsc = "585\tchr1\t67705957\t67705958\trs11209026\t1\tA\t2006\tS\tT\tCrohn's disease\t1\t2\t1p31.3\tIL23R\tA\t0.9\t1E-64\t\t0.26\t\tI\tN\n";

        var rows = GwasCatalogReader.Read(new StringReader(ucsc), "gwasCatalog.txt").ToList();

        Assert.HasCount(1, rows);
        Assert.AreEqual(("1", 67705958, "Crohn's disease"), rows[0]);
    }
}
