using System.Text;
using Gas.Core.Configuration;
using Gas.Core.VariantIndex;
using Gas.Tests.Support;
using Microsoft.Extensions.Options;

namespace Gas.Tests.Results;

/// <summary>The index builder and reader on hand-written annotated VCFs: per-ALT values, escapes, the build, summary-only copies.</summary>
[TestClass]
[TestCategory("Unit")]
public sealed class ResultsIndexFile
{
    private const string Header = "##fileformat=VCFv4.2\n" +
        "##GAS_reference=<Build=\"GRCh38 (hg38)\",Sources=\"genes refGene.txt.gz\">\n" +
        "##GAS_buildCheck=The input looks like NCBI36\n" +
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";

    private static ResultsIndex Build(string records, out string path)
    {
        path = Path.Combine(Paths.NewTempDirectory(), "x.annot.index.sqlite");
        using var vcf = new MemoryStream(Encoding.UTF8.GetBytes(Header + records));
        ResultsIndexBuilder.Build(vcf, path);
        return new ResultsIndex(path);
    }

    [TestMethod]
    public void OneValuePerAltIsTakenPerAltAndASharedValueAppliesToEveryAlt()
    {
        var index = Build(
            "1\t100\trs5\tA\tG,T\t50\tPASS\tFunc.refGene=exonic,intronic;Gene.refGene=BRCA2;ExonicFunc.refGene=nonsynonymous_SNV,.;" +
            "AAChange.refGene=BRCA2:NM_000059:exon10:c.A100G:p.K34E,.;cytoBand=13q13.1\n" +
            "2\t200\t.\tC\tA\t.\tLowQual\tFunc.refGene=intergenic;Gene.refGene=UBIAD1,PTCHD2;GeneDetail.refGene=dist\\x3d55105\\x3bdist\\x3d135699\n" +
            "3\t300\t.\tG\tC,T\t10\tPASS\tFunc.refGene=exonic\\x3bsplicing;Gene.refGene=A\\x2cB,C;GAS_GWAS_TRAIT=Crohn's_disease\n", out _);

        var rows = index.Rows(new VariantFilter(), VariantSort.Position).ToList();
        Assert.AreEqual(5, rows.Count);
        Assert.AreEqual(3, index.Info.Records);
        Assert.AreEqual(("G", "exonic", "nonsynonymous_SNV", "BRCA2:NM_000059:exon10:c.A100G:p.K34E"), (rows[0].Alt, rows[0].Func, rows[0].ExonicFunc, rows[0].AAChange));
        Assert.AreEqual(("T", "intronic", null, null), (rows[1].Alt, rows[1].Func, rows[1].ExonicFunc, rows[1].AAChange));
        Assert.AreEqual("BRCA2", rows[1].Gene, "one value for two ALTs applies to both");
        Assert.AreEqual("UBIAD1,PTCHD2", rows[2].Gene, "a single ALT keeps its whole value, commas and all");
        Assert.AreEqual("dist=55105;dist=135699", rows[2].GeneDetail, "table_annovar's escapes are undone for display");
        Assert.AreEqual((null, "LowQual"), (rows[2].Qual, rows[2].Filter));
        Assert.AreEqual(("exonic;splicing", "A,B"), (rows[3].Func, rows[3].Gene));
        Assert.AreEqual("C", rows[4].Gene);
        Assert.AreEqual("Crohn's_disease", rows[4].GwasTrait, "underscores stay");
        Assert.AreEqual(("GRCh38", "hg38", false), (index.Info.Build, index.Info.UcscName, index.Info.BuildAssumed));
        Assert.AreEqual("The input looks like NCBI36", index.Info.BuildWarning);
    }

    [TestMethod]
    public void AWriterAfterAnotherStartsFromEmptyLabelTables()
    {
        // writers share their label tables through a pool, emptied when a writer is done: a job indexed right after another
        // (whose intergenic class, gene list and traits took the codes the next job's labels get) reads as its own
        const string other = "1\t100\t.\tA\tG\t50\tLowQual\tFunc.refGene=intergenic;Gene.refGene=BRCA2,TP53;GAS_GWAS_TRAIT=Height,Weight\n";
        const string job = "5\t10\t.\tA\tG\t1\tPASS\tFunc.refGene=UTR3;Gene.refGene=APC;GAS_GWAS_TRAIT=Colorectal_cancer\n" +
            "5\t20\t.\tA\tC\t2\tPASS\tFunc.refGene=intronic;Gene.refGene=MCC\n";
        for (var round = 0; round < 3; round++)
        {
            var first = Build(other, out _).Summary(new VariantFilter());
            Assert.AreEqual(0, first.TopGenes.Count, "an intergenic allele's neighbours are not counted as its genes");
            Assert.AreEqual("Height:1 Weight:1", string.Join(" ", first.GwasTraits.Select(t => $"{t.Label}:{t.Count}").Order(StringComparer.Ordinal)));
            var index = Build(job, out _);
            var summary = index.Summary(new VariantFilter());
            Assert.AreEqual("APC:1 MCC:1", string.Join(" ", summary.TopGenes.Select(g => $"{g.Label}:{g.Count}").Order()), $"round {round}");
            Assert.AreEqual("Colorectal_cancer:1", string.Join(" ", summary.GwasTraits.Select(t => $"{t.Label}:{t.Count}")), $"round {round}");
            Assert.AreEqual("UTR3:1 intronic:1", string.Join(" ", summary.Funcs.Select(f => $"{f.Label}:{f.Count}").Order(StringComparer.Ordinal)), $"round {round}");
            var rows = index.Rows(new VariantFilter(), VariantSort.Position).ToList();
            Assert.AreEqual(("UTR3", "APC", "Colorectal_cancer", "PASS"), (rows[0].Func, rows[0].Gene, rows[0].GwasTrait, rows[0].Filter));
            Assert.AreEqual(("intronic", "MCC", null), (rows[1].Func, rows[1].Gene, rows[1].GwasTrait));
        }
    }

    [TestMethod]
    public void TheBuildSaysHowMuchCpuItsThreadUsedWhereTheSystemTellsIt()
    {
        var path = Path.Combine(Paths.NewTempDirectory(), "x.annot.index.sqlite");
        using var vcf = new MemoryStream(Encoding.UTF8.GetBytes(Header + "1\t100\t.\tA\tG\t50\tPASS\tFunc.refGene=intergenic\n"));
        var stats = ResultsIndexBuilder.Build(vcf, path);

        if (OperatingSystem.IsLinux())
        {
            // one thread's CPU against its wall time, with room for the two clocks' drift on a VM (a few per cent here): in
            // seconds, neither a count of ticks nor of nanoseconds
            Assert.IsTrue(stats.Cpu > TimeSpan.Zero && stats.Cpu < stats.Elapsed * 2 + TimeSpan.FromMilliseconds(50), $"{stats.Cpu} of CPU in {stats.Elapsed}");
        }
        else
        {
            Assert.IsNull(stats.Cpu);
        }
    }

    [TestMethod]
    public void TheIndexsBytesAreAccountedForPartByPart()
    {
        Build("1\t100\trs5\tA\tG,T\t50\tPASS\tFunc.refGene=exonic,intronic;Gene.refGene=BRCA2;AAChange.refGene=BRCA2:NM_000059:exon10:c.A100G:p.K34E,.\n" +
            "2\t200\t.\tC\tA\t.\tLowQual\tFunc.refGene=intergenic;Gene.refGene=UBIAD1,PTCHD2\n", out var path);
        var parts = ResultsIndexSpace.Measure(path);

        CollectionAssert.AreEquivalent(new[] { "Facet column", "Pos column", "Record column", "Qual column", "Text column", "TextLengths column", "facets", "labels", "the rest" },
            parts.Select(p => p.Part).ToArray());
        Assert.AreEqual(new FileInfo(path).Length, parts.Sum(p => p.Bytes));
        Assert.AreEqual(3 * 4, parts.Single(p => p.Part == "Pos column").Bytes, "three alleles' positions, four bytes each");
        Assert.AreEqual(3 * 2, parts.Single(p => p.Part == "Record column").Bytes, "their record numbers in the block, two bytes each");
        Assert.IsTrue(parts.All(p => p.Bytes > 0), string.Join(", ", parts));
    }

    [TestMethod]
    public void ABlockPastFourBytePositionsOrTwoByteRecordNumbersStoresThemWide()
    {
        // a record without alleles takes a number and no row: 70,000 of them put two alleles of one block 70,000 records apart,
        // and the second sits past 2^31 - 1 (no genome's chromosome does, but POS allows it)
        const long far = 3_000_000_000L;
        IEnumerable<IndexRows> Batches()
        {
            var rows = new IndexRows();
            for (var r = 0; r < 70_001; r++)
            {
                var last = r == 70_000;
                rows.BeginRecord("1", last ? far : 100 + r, ".", "A", 5, "PASS", "", "", "");
                if (r == 0 || last)
                {
                    rows.AddAllele("G", "intergenic", "", "", "", "");
                }
            }

            yield return rows;
        }

        var path = Path.Combine(Paths.NewTempDirectory(), "x.annot.index.sqlite");
        using (var vcf = new MemoryStream(Encoding.UTF8.GetBytes(Header)))
        {
            ResultsIndexBuilder.Build(vcf, path, Batches, CancellationToken.None);
        }

        var parts = ResultsIndexSpace.Measure(path);
        Assert.AreEqual((2 * 8L, 2 * 4L), (parts.Single(p => p.Part == "Pos column").Bytes, parts.Single(p => p.Part == "Record column").Bytes));
        var index = new ResultsIndex(path);
        Assert.AreEqual("0@100 70000@3000000000", string.Join(" ", index.Rows(new VariantFilter(), VariantSort.Position).Select(r => $"{r.Record}@{r.Pos}")));
        Assert.AreEqual(far, index.Rows(new VariantFilter { Region = new GenomicRegion("1", far - 1, far) }, VariantSort.Position).Single().Pos);
        Assert.AreEqual(70_001, index.Info.Records);
    }

    [TestMethod]
    [DataRow("50,29.7,670.61,.,-3.25,0,2000000.5", 4)]
    [DataRow("0.001,7", 4)]
    [DataRow("50,0.0001", 8)]
    [DataRow("50,-0.0", 8)]
    [DataRow("50,Infinity", 8)]
    [DataRow("50,3000000000", 8)]
    [DataRow("3000000,0.001", 8)]
    [DataRow("0.001,3000000", 8)]
    [DataRow("2000000,0.001", 4)]
    public void QualsOfAFewDecimalsTakeFourBytesAndEveryQualReadsBackAsParsed(string quals, int bytesEach)
    {
        var values = quals.Split(',');
        Build(string.Concat(values.Select((q, i) => $"1\t{100 + i}\t.\tA\tG\t{q}\tPASS\tFunc.refGene=intergenic\n")), out var path);

        var stored = ResultsIndexSpace.Measure(path).Single(p => p.Part == "Qual column").Bytes;
        Assert.AreEqual(values.Length * bytesEach + (bytesEach == 4 ? 1 : 0), stored, "four bytes a QUAL and the scale, or eight");
        var read = new ResultsIndex(path).Rows(new VariantFilter(), VariantSort.Position).Select(r => r.Qual).ToArray();
        var parsed = values.Select(q => q == "." ? (double?)null : double.Parse(q, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        CollectionAssert.AreEqual(parsed.Select(q => q is { } d ? BitConverter.DoubleToInt64Bits(d) : (long?)null).ToArray(),
            read.Select(q => q is { } d ? BitConverter.DoubleToInt64Bits(d) : (long?)null).ToArray(), "bit for bit: " + string.Join(" ", read));
    }

    [TestMethod]
    public void TheSummaryCountsAllelesAndFiltersCombineWithAnd()
    {
        var index = Build(
            "1\t100\trs5\tA\tG,T\t50\tPASS\tFunc.refGene=exonic,intronic;Gene.refGene=BRCA2;ExonicFunc.refGene=stopgain,.\n" +
            "1\t150\t.\tA\tG\t50\tPASS\tFunc.refGene=intergenic;Gene.refGene=BRCA2,NONE\n" +
            "2\t200\trs7;COSM1\tC\tA\t60\tPASS\tFunc.refGene=exonic;Gene.refGene=TP53,BRCA2;GAS_GWAS_TRAIT=Height,Weight\n", out _);
        var all = index.Summary(new VariantFilter());
        Assert.AreEqual(4, all.Alleles);
        Assert.AreEqual((3L, 1L), (all.Known, all.Novel));
        CollectionAssert.AreEqual(new[] { "BRCA2 3", "TP53 1" }, all.TopGenes.Select(g => $"{g.Label} {g.Count}").ToArray(), "not the intergenic neighbour");
        CollectionAssert.AreEqual(new[] { "Height 1", "Weight 1" }, all.GwasTraits.Select(g => $"{g.Label} {g.Count}").ToArray());

        Assert.AreEqual(2, index.Summary(new VariantFilter { Funcs = ["exonic"] }).Alleles);
        Assert.AreEqual(1, index.Summary(new VariantFilter { Funcs = ["exonic"], Chrom = "chr2" }).Alleles);
        Assert.AreEqual(3, index.Summary(new VariantFilter { Gene = "brca2" }).Alleles);
        Assert.AreEqual(1, index.Summary(new VariantFilter { ExonicFuncs = ["stopgain"] }).Alleles);
        Assert.AreEqual(1, index.Summary(new VariantFilter { Region = new GenomicRegion("chr1", 120, 200) }).Alleles);
        Assert.AreEqual(1, index.Summary(new VariantFilter { Text = "cosm1" }).Alleles, "an ID-shaped text reaches the ID column");
        Assert.AreEqual(4, index.Summary(new VariantFilter { Text = "brca" }).Alleles, "a plain word matches the genes");
        Assert.AreEqual(1, index.Summary(new VariantFilter { Text = "heig" }).Alleles, "and the GWAS traits");
        Assert.AreEqual(1, index.Summary(new VariantFilter { GwasOnly = true, Known = true }).Alleles);
        Assert.AreEqual(0, index.Summary(new VariantFilter { Known = false, Chrom = "2" }).Alleles);
        Assert.AreEqual(0, index.Summary(new VariantFilter { Text = "5%" }).Alleles, "LIKE wildcards in the text are literal");
    }

    [TestMethod]
    public void QualOrdersHighestFirstWithNegativesZeroesAndInfinitiesNoneLastAndTiesInFileOrder()
    {
        // ten times over, so that the first pages are kept in a heap while scanning and the later ones selected from all matches
        string[] values = ["5.5", ".", "-1", "0", "Infinity", "-0.0", "1e300", "5.5", "-Infinity", ".", "0.0", "-5.5", "5.50"];
        var quals = Enumerable.Repeat(values, 10).SelectMany(v => v).ToArray();
        var index = Build(string.Concat(quals.Select((q, i) => $"1\t{100 + i}\t.\tA\tG\t{q}\tPASS\tFunc.refGene=exonic\n")), out _);

        // the test's own order: parsed as numbers, highest first, none last, equal values (0 and -0 too) in file order
        var expected = quals.Select((q, i) => (Pos: 100L + i, Value: double.TryParse(q, System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : (double?)null))
            .OrderBy(x => x.Value is null).ThenByDescending(x => x.Value).Select(x => x.Pos).ToList();
        CollectionAssert.AreEqual(expected, index.Rows(new VariantFilter(), VariantSort.Qual).Select(r => r.Pos).ToList(), "the download");
        foreach (var size in new[] { 1, 2, 7, 50, 130 })
        {
            var pages = (quals.Length + size - 1) / size;
            var listed = Enumerable.Range(1, pages + 1).SelectMany(p => index.Page(new VariantFilter(), VariantSort.Qual, p, size) is var page && page.Page == p
                ? page.Rows : []).Select(r => r.Pos).ToList();
            CollectionAssert.AreEqual(expected, listed, $"pages of {size}, and the page past the end shows the last one, not more");
            CollectionAssert.AreEqual(expected.Skip((pages - 1) * size).ToList(),
                index.Page(new VariantFilter(), VariantSort.Qual, pages + 3, size).Rows.Select(r => r.Pos).ToList(), $"past the end, pages of {size}");
        }
    }

    [TestMethod]
    public void AFilteredSummaryIsComputedOnceForEveryPageOfItsFilterAndFiltersNeverShareOne()
    {
        var index = Build(
            "1\t100\trs5\tA\tG\t50\tPASS\tFunc.refGene=exonic;Gene.refGene=BRCA2\n" +
            "1\t150\t.\tA\tG\t50\tPASS\tFunc.refGene=intronic;Gene.refGene=BRCA2\n" +
            "2\t200\t.\tC\tA\t60\tPASS\tFunc.refGene=intronic;Gene.refGene=TP53\n", out _);

        var intronic = index.Summary(new VariantFilter { Funcs = ["intronic"] });
        Assert.AreSame(intronic, index.Page(new VariantFilter { Funcs = ["intronic"] }, VariantSort.Position, 2, 1).Summary, "page 2 reuses page 1's summary");
        Assert.AreEqual(2, intronic.Alleles);

        // filters that differ only in where a part sits, or in one part, are different filters
        Assert.AreEqual(1, index.Summary(new VariantFilter { Funcs = ["intronic"], Gene = "TP53" }).Alleles);
        Assert.AreEqual(0, index.Summary(new VariantFilter { Funcs = ["intronic"], Chrom = "TP53" }).Alleles);
        Assert.AreEqual(1, index.Summary(new VariantFilter { Funcs = ["intronic"], Known = false, Chrom = "1" }).Alleles);
        Assert.AreEqual(1, index.Summary(new VariantFilter { Funcs = ["exonic"] }).Alleles);

        // bounded: after many other filters the memo starts again, and still answers right
        for (var start = 1; start <= 100; start++)
        {
            Assert.AreEqual(1, index.Summary(new VariantFilter { Region = new GenomicRegion("1", start, 100) }).Alleles);
        }

        Assert.AreEqual(2, index.Summary(new VariantFilter { Funcs = ["intronic"] }).Alleles);
    }

    [TestMethod]
    public void ASummaryOnlyCopyKeepsTheSummaryAndDropsTheRows()
    {
        var full = Build("1\t100\t.\tA\tG\t50\tPASS\tFunc.refGene=exonic;Gene.refGene=BRCA2\n", out var path);
        var summaryPath = path + ".summary";
        ResultsIndexBuilder.WriteSummaryOnly(path, summaryPath);
        var summaryOnly = new ResultsIndex(summaryPath);
        Assert.IsFalse(summaryOnly.Info.HasVariants);
        Assert.AreEqual(full.Summary(new VariantFilter()).Alleles, summaryOnly.Summary(new VariantFilter()).Alleles);
        Assert.AreEqual("exonic", summaryOnly.Summary(new VariantFilter()).Funcs[0].Label);
        Assert.ThrowsExactly<InvalidOperationException>(() => summaryOnly.Page(new VariantFilter(), VariantSort.Position, 1, 50));
        Assert.IsTrue(new FileInfo(summaryPath).Length < new FileInfo(path).Length);
    }

    [TestMethod]
    public void AnIndexWithoutABuildLineAssumesGrch37AndKeyNamesFollowTheResults()
    {
        var path = Path.Combine(Paths.NewTempDirectory(), "x.sqlite");
        using (var vcf = new MemoryStream(Encoding.UTF8.GetBytes("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t5\t.\tA\tC\t.\t.\tGAS_ANNOTATED\n")))
        {
            ResultsIndexBuilder.Build(vcf, path);
        }

        var info = new ResultsIndex(path).Info;
        Assert.AreEqual(("GRCh37", "hg19", true), (info.Build, info.UcscName, info.BuildAssumed));
        Assert.AreEqual("u/j~premium_2.annot.index.sqlite", ResultsIndexFormat.IndexKeyFor("u/j~premium_2.annot.vcf"));
    }

    [TestMethod]
    public async Task TheCacheEvictsTheLeastRecentlyUsedCopyButNeverOneInUse()
    {
        Build("1\t100\t.\tA\tG\t50\tPASS\tFunc.refGene=exonic\n", out var path);
        var size = new FileInfo(path).Length;
        using var cache = new ResultsIndexCache(Options.Create(new ResultsIndexOptions
        {
            CacheDirectory = Paths.NewTempDirectory(),
            CacheMaxBytes = size * 2 + size / 2,
        }));
        Task<bool> Copy(string target, CancellationToken _)
        {
            File.Copy(path, target);
            return Task.FromResult(true);
        }

        var fills = 0;
        async Task<IndexLease> GetAsync(string key) => (await cache.GetOrFillAsync(key, _ => true, (p, ct) => { fills++; return Copy(p, ct); }, default))!;

        var a = await GetAsync("a");
        (await GetAsync("b")).Dispose();
        (await GetAsync("a")).Dispose();
        Assert.AreEqual(2, fills, "a second read of a cached key fills nothing");
        (await GetAsync("c")).Dispose();
        using (var kept = cache.TryGet("a", _ => true))
        {
            Assert.IsNotNull(kept, "a is in use and was used last-but-one");
        }

        Assert.IsNull(cache.TryGet("b", _ => true), "b was the least recently used");
        Assert.IsTrue(cache.Bytes <= size * 2 + size / 2);

        cache.Invalidate("a");
        Assert.AreEqual("exonic", a.Index.Summary(new VariantFilter { Funcs = ["exonic"] }).Funcs[0].Label, "a reader keeps its copy until it lets go");
        a.Dispose();
        Assert.AreEqual(1, Directory.GetFiles(cache.Directory).Length, "only c is left on disk");

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => GetAsync("d")));
        Assert.AreEqual(4, fills, "eight requests at once fill a key once");
        foreach (var lease in concurrent)
        {
            lease.Dispose();
        }
    }
}
