using System.Globalization;
using System.Text;
using Gas.Core.VariantIndex;
using Gas.Tests.Support;

namespace Gas.Tests.Results;

/// <summary>
/// The block layout on a generated VCF of three blocks (the last partial): every filter's counts, rows, orders and pages
/// against the test's own reading of the VCF (<see cref="VcfTally"/>), pages that span two blocks, and an empty filter.
/// </summary>
[TestClass]
[TestCategory("Unit")]
public sealed class ResultsIndexBlocks
{
    private static ResultsIndex _index = null!;
    private static VcfTally _vcf = null!;

    [ClassInitialize]
    public static void Build(TestContext _)
    {
        var text = Generate(10_000);
        _vcf = new VcfTally(text);
        var path = Path.Combine(Paths.NewTempDirectory(), "blocks.annot.index.sqlite");
        using (var input = new MemoryStream(Encoding.UTF8.GetBytes(text)))
        {
            ResultsIndexBuilder.Build(input, path);
        }

        _index = new ResultsIndex(path);
        Assert.IsTrue(_vcf.Alleles.Count is > ResultsIndexFormat.BlockRows * 2 and < ResultsIndexFormat.BlockRows * 3,
            $"{_vcf.Alleles.Count} alleles make three blocks, the last partial");
    }

    private static IEnumerable<object[]> Filters() =>
    [
        ["no filter", new VariantFilter(), (Func<VcfTally.Allele, bool>)(_ => true)],
        ["func=exonic", new VariantFilter { Funcs = ["exonic"] }, (Func<VcfTally.Allele, bool>)(a => a.Func == "exonic")],
        ["func=exonic&func=splicing", new VariantFilter { Funcs = ["exonic", "splicing"] }, (Func<VcfTally.Allele, bool>)(a => a.Func is "exonic" or "splicing")],
        ["exonicfunc=stopgain", new VariantFilter { ExonicFuncs = ["stopgain"] }, (Func<VcfTally.Allele, bool>)(a => a.ExonicFunc == "stopgain")],
        ["gene=gene7", new VariantFilter { Gene = "gene7" }, (Func<VcfTally.Allele, bool>)(a => a.Genes.Contains("GENE7"))],
        ["chrom=chr2", new VariantFilter { Chrom = "chr2" }, (Func<VcfTally.Allele, bool>)(a => a.Chrom == "2")],
        ["region across blocks", new VariantFilter { Region = new GenomicRegion("2", 200_000, 1_400_000) },
            (Func<VcfTally.Allele, bool>)(a => a.Chrom == "2" && a.Pos is >= 200_000 and <= 1_400_000)],
        ["gwas=1&known=0", new VariantFilter { GwasOnly = true, Known = false }, (Func<VcfTally.Allele, bool>)(a => a.Gwas is not null && !a.Known)],
        ["q=nm_00012 (row text)", new VariantFilter { Text = "nm_00012" }, (Func<VcfTally.Allele, bool>)(a => a.Mentions("nm_00012"))],
        ["q=rs1 with func=intronic", new VariantFilter { Text = "rs1", Funcs = ["intronic"] }, (Func<VcfTally.Allele, bool>)(a => a.Func == "intronic" && a.Mentions("rs1"))],
        ["matches nothing", new VariantFilter { Funcs = ["none-such"] }, (Func<VcfTally.Allele, bool>)(_ => false)],
        ["gene=GENE1 (not GENE10–19)", new VariantFilter { Gene = "GENE1" }, (Func<VcfTally.Allele, bool>)(a => a.Genes.Contains("GENE1"))],
        ["chrom=CHR3", new VariantFilter { Chrom = "CHR3" }, (Func<VcfTally.Allele, bool>)(a => a.Chrom == "3")],
        ["q=HEIGHT (a label, any case)", new VariantFilter { Text = "HEIGHT" }, (Func<VcfTally.Allele, bool>)(a => a.Mentions("height"))],
        ["q=lowq&known=1", new VariantFilter { Text = "lowq", Known = true }, (Func<VcfTally.Allele, bool>)(a => a.Known && a.Mentions("lowq"))],
        ["q=1:c.A1 (AAChange, mixed case)", new VariantFilter { Text = "1:c.A1" }, (Func<VcfTally.Allele, bool>)(a => a.Mentions("1:c.A1"))],
        ["q=rs1 in a region", new VariantFilter { Text = "rs1", Region = new GenomicRegion("chr2", 200_000, 1_400_000) },
            (Func<VcfTally.Allele, bool>)(a => a.Chrom == "2" && a.Pos is >= 200_000 and <= 1_400_000 && a.Mentions("rs1"))],
        // the rows' text is searched a block at a time: a term must not match across ID|REF, ALT|GeneDetail or one allele's AAChange|the next's ID
        ["q=4a (never across two values)", new VariantFilter { Text = "4a" }, (Func<VcfTally.Allele, bool>)(a => a.Mentions("4a"))],
        ["q=cdist=1 (never across two values)", new VariantFilter { Text = "cdist=1" }, (Func<VcfTally.Allele, bool>)(a => a.Mentions("cdist=1"))],
        ["q=grs1 (never across two alleles)", new VariantFilter { Text = "grs1" }, (Func<VcfTally.Allele, bool>)(a => a.Mentions("grs1"))],
    ];

    [TestMethod]
    [DynamicData(nameof(Filters))]
    public void EveryFilterCountsListsAndSummarisesExactlyTheAllelesTheVcfHolds(string name, VariantFilter filter, Func<VcfTally.Allele, bool> matches)
    {
        var expected = _vcf.Alleles.Where(matches).ToList();
        var summary = _index.Summary(filter);
        Assert.AreEqual(expected.Count, summary.Alleles, name);
        Assert.AreEqual(VcfTally.Counts(expected.Select(a => a.Func ?? "")), string.Join(", ", summary.Funcs.Select(f => $"{f.Label} {f.Count:N0}")), name);
        Assert.AreEqual(expected.Count(a => a.Known), summary.Known, name);
        Assert.AreEqual(VcfTally.Counts(expected.Where(a => a.ExonicFunc is not null).Select(a => a.ExonicFunc!)), Listed(summary.ExonicFuncs), name);
        Assert.AreEqual(string.Join(", ", expected.GroupBy(a => int.Parse(a.Chrom, CultureInfo.InvariantCulture)).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count():N0}")),
            Listed(summary.Chromosomes), name);
        var genes = VcfTally.Counts(expected.SelectMany(a => a.Genes.Distinct())).Split(", ", StringSplitOptions.RemoveEmptyEntries).Take(ResultsSummary.TopGeneCount);
        Assert.AreEqual(string.Join(", ", genes), Listed(summary.TopGenes), name + ", top genes");
        Assert.AreEqual(VcfTally.Counts(expected.Where(a => a.Gwas is not null).Select(a => a.Gwas!)), Listed(summary.GwasTraits), name);
        Assert.AreEqual(expected.Count(a => a.Gwas is not null), summary.GwasHits, name);
        CollectionAssert.AreEqual(expected.Select(Key).ToList(), _index.Rows(filter, VariantSort.Position).Select(Key).ToList(), name + ", file order");
        CollectionAssert.AreEqual(Enumerable.Reverse(expected).Select(Key).ToList(), _index.Rows(filter, VariantSort.PositionDescending).Select(Key).ToList(),
            name + ", reverse order");
        CollectionAssert.AreEqual(ByQual(expected).Select(Key).ToList(), _index.Rows(filter, VariantSort.Qual).Select(Key).ToList(), name + ", by QUAL");

        var records = _index.MatchingRecords(filter);
        var expectedRecords = expected.Select(a => a.Record).ToHashSet();
        Assert.AreEqual(_vcf.Records.Count, records.Length);
        for (var r = 0; r < records.Length; r++)
        {
            Assert.AreEqual(expectedRecords.Contains(r), records[r], $"{name}: record {r}");
        }

        foreach (var sort in new[] { VariantSort.Position, VariantSort.PositionDescending, VariantSort.Qual })
        {
            var ordered = sort switch
            {
                VariantSort.Position => expected,
                VariantSort.PositionDescending => Enumerable.Reverse(expected).ToList(),
                _ => ByQual(expected),
            };
            var last = Math.Max(1, (ordered.Count + 49) / 50);
            foreach (var page in new[] { 1, 2, last / 2 + 1, last, last + 5 })
            {
                var got = _index.Page(filter, sort, page, 50);
                var shown = Math.Min(page, last);
                Assert.AreEqual(shown, got.Page, $"{name} {sort} page {page}: past the end shows the last");
                CollectionAssert.AreEqual(ordered.Skip((shown - 1) * 50).Take(50).Select(Key).ToList(), got.Rows.Select(Key).ToList(), $"{name} {sort} page {page}");
            }
        }
    }

    [TestMethod]
    [DataRow("no filter")]
    [DataRow("func=intronic")]
    [DataRow("q=rs1")]
    [DataRow("gwas=1")]
    public void EveryPageInTurnListsEachMatchOnceInTheOrderAcrossTiesAndPageEnds(string name)
    {
        // QUALs repeat (ties cross page ends); the first pages are kept in a heap while scanning, later ones selected from all matches
        var (filter, matches) = name switch
        {
            "func=intronic" => (new VariantFilter { Funcs = ["intronic"] }, (Func<VcfTally.Allele, bool>)(a => a.Func == "intronic")),
            "q=rs1" => (new VariantFilter { Text = "rs1" }, a => a.Mentions("rs1")),
            "gwas=1" => (new VariantFilter { GwasOnly = true }, a => a.Gwas is not null),
            _ => (new VariantFilter(), _ => true),
        };
        var expected = _vcf.Alleles.Where(matches).ToList();
        foreach (var (sort, ordered) in new[]
        {
            (VariantSort.Qual, ByQual(expected)), (VariantSort.Position, expected), (VariantSort.PositionDescending, Enumerable.Reverse(expected).ToList()),
        })
        {
            foreach (var size in new[] { 50, 7 })
            {
                var pages = Math.Max(1, (ordered.Count + size - 1) / size);
                var listed = Enumerable.Range(1, pages).SelectMany(p => _index.Page(filter, sort, p, size).Rows).Select(Key).ToList();
                CollectionAssert.AreEqual(ordered.Select(Key).ToList(), listed, $"{name} {sort}, {pages} pages of {size}");
            }
        }

        Assert.IsTrue(ByQual(expected).Zip(ByQual(expected).Skip(1)).Any(p => Qual(p.First) == Qual(p.Second)), $"{name}: QUAL ties to order");
    }

    [TestMethod]
    public void TheCrossValueTextCasesAreInTheData()
    {
        // the row text of a block runs ID, REF, ALT, GeneDetail, AAChange, then the next allele's ID: the filters above look for these joins
        Assert.IsTrue(_vcf.Alleles.Any(a => (a.Id + a.Ref).Contains("4A", StringComparison.Ordinal) && !a.Mentions("4a")), "ID|REF");
        Assert.IsTrue(_vcf.Alleles.Any(a => (a.Alt + a.GeneDetail).StartsWith("Cdist=1", StringComparison.Ordinal)), "ALT|GeneDetail");
        Assert.IsTrue(_vcf.Alleles.Zip(_vcf.Alleles.Skip(1)).Any(p => p.First.AAChange is { } aa && (aa + p.Second.Id).Contains("Grs1", StringComparison.Ordinal)),
            "AAChange|next ID");
    }

    [TestMethod]
    public void APageThatSpansTwoBlocksHoldsTheEndOfOneAndTheStartOfTheNext()
    {
        // unfiltered: alleles 4,050–4,099 straddle the first block's end at 4,096
        var page = _index.Page(new VariantFilter(), VariantSort.Position, 82, 50);
        CollectionAssert.AreEqual(_vcf.Alleles.Skip(4050).Take(50).Select(Key).ToList(), page.Rows.Select(Key).ToList());

        // filtered: the page whose matches cross from the second block into the third
        var filter = new VariantFilter { Funcs = ["intronic"] };
        var intronic = _vcf.Alleles.Select((a, row) => (a, row)).Where(x => x.a.Func == "intronic").ToList();
        var firstInThird = intronic.FindIndex(x => x.row >= ResultsIndexFormat.BlockRows * 2);
        var spanning = firstInThird / 50 + 1;
        Assert.IsTrue(firstInThird % 50 != 0, "the page holds matches from both blocks");
        var rows = _index.Page(filter, VariantSort.Position, spanning, 50).Rows;
        CollectionAssert.AreEqual(intronic.Skip((spanning - 1) * 50).Take(50).Select(x => Key(x.a)).ToList(), rows.Select(Key).ToList());
        CollectionAssert.AreEqual(
            Enumerable.Reverse(intronic).Skip((spanning - 1) * 50).Take(50).Select(x => Key(x.a)).ToList(),
            _index.Page(filter, VariantSort.PositionDescending, spanning, 50).Rows.Select(Key).ToList());
    }

    [TestMethod]
    public void AnEmptyFilterAnswersWithNoRowsOnOnePageAndTheLastPartialBlockIsRead()
    {
        var none = _index.Page(new VariantFilter { Chrom = "22" }, VariantSort.Position, 3, 50);
        Assert.AreEqual((0L, 1, 1, 0), (none.Total, none.Page, none.PageCount, none.Rows.Count));
        Assert.IsFalse(_index.Rows(new VariantFilter { Region = new GenomicRegion("1", 1, 10) }, VariantSort.Qual).Any());

        var all = _vcf.Alleles.Count;
        var last = _index.Page(new VariantFilter(), VariantSort.Position, (all + 49) / 50, 50);
        CollectionAssert.AreEqual(_vcf.Alleles.Skip((last.Page - 1) * 50).Select(Key).ToList(), last.Rows.Select(Key).ToList());
        var row = _index.Rows(new VariantFilter(), VariantSort.PositionDescending).First();
        var allele = _vcf.Alleles[^1];
        Assert.AreEqual((allele.Chrom, allele.Pos, allele.Id, allele.Ref, allele.Alt, allele.Filter, allele.Gene, allele.GeneDetail, allele.AAChange, allele.CytoBand),
            (row.Chrom, row.Pos, row.Id ?? ".", row.Ref, row.Alt, row.Filter, row.Gene, row.GeneDetail, row.AAChange, row.CytoBand), "every column of the last allele");
    }

    private static string Listed(IEnumerable<LabelCount> counts) => string.Join(", ", counts.Select(c => $"{c.Label} {c.Count:N0}"));

    internal static string Key(VcfTally.Allele a) => $"{a.Record}:{a.Chrom}:{a.Pos}:{a.Alt}";

    internal static string Key(AlleleRow r) => $"{r.Record}:{r.Chrom}:{r.Pos}:{r.Alt}";

    private static List<VcfTally.Allele> ByQual(List<VcfTally.Allele> alleles) =>
    [
        .. alleles.Select((a, i) => (a, i, q: Qual(a)))
            .OrderBy(x => x.q is null).ThenByDescending(x => x.q).ThenBy(x => x.i).Select(x => x.a),
    ];

    private static double? Qual(VcfTally.Allele a) =>
        double.TryParse(_vcf.Records[a.Record].Split('\t')[5], NumberStyles.Float, CultureInfo.InvariantCulture, out var q) ? q : null;

    /// <summary>Three chromosomes in order, a twentieth multi-allelic, repeated QUALs (ties), some none, rsIDs, HGVS and GWAS traits.</summary>
    internal static string Generate(int records)
    {
        var random = new Random(12);
        string[] funcs = ["exonic", "intronic", "intronic", "intergenic", "splicing", "UTR3"];
        string[] exonic = ["nonsynonymous_SNV", "synonymous_SNV", "stopgain"];
        var text = new StringBuilder("##fileformat=VCFv4.2\n##GAS_reference=<Build=\"GRCh37 (hg19)\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
        long pos = 0;
        for (var r = 0; r < records; r++)
        {
            var chrom = 1 + r * 3 / records;
            pos = r * 3 % records < 3 ? 1000 : pos + random.Next(1, 500);
            var alts = random.Next(20) == 0 ? 2 : 1;
            var values = Enumerable.Range(0, alts).Select(_ => funcs[random.Next(funcs.Length)]).ToArray();
            var gene = $"GENE{random.Next(30)}";
            var info = new List<string>
            {
                "Func.refGene=" + string.Join(',', values),
                "Gene.refGene=" + (values[0] == "intergenic" && alts == 1 ? $"{gene}\\x2cGENE{random.Next(30)}" : gene),
                "ExonicFunc.refGene=" + string.Join(',', values.Select(v => v == "exonic" ? exonic[random.Next(3)] : ".")),
                "AAChange.refGene=" + string.Join(',', values.Select(v => v == "exonic" ? $"{gene}:NM_000{random.Next(200)}:exon1:c.A{pos}G" : ".")),
                $"cytoBand={chrom}q{random.Next(40)}",
            };
            if (values[0] == "intergenic" && alts == 1)
            {
                info.Add($"GeneDetail.refGene=dist\\x3d{random.Next(90000)}");
            }

            if (random.Next(25) == 0)
            {
                info.Add("GAS_GWAS_TRAIT=Height");
            }

            var id = random.Next(3) == 0 ? $"rs{random.Next(1, 5000)}" : ".";
            var qual = random.Next(10) == 0 ? "." : random.Next(40).ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{chrom}\t{pos}\t{id}\tA\t{(alts == 2 ? "G,T" : "C")}\t{qual}\t{(random.Next(8) == 0 ? "LowQual" : "PASS")}\t{string.Join(';', info)}\n");
        }

        return text.ToString();
    }
}
