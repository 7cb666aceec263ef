using Gas.Annotator.Engine.Reference;

namespace Gas.Tests.Engine;

/// <summary>
/// The index cache file: what it holds comes back exactly as the tables give it, chromosome by chromosome and only when
/// asked for; a cache that is damaged or of another version is rebuilt from the tables, never trusted.
/// </summary>
[TestClass]
[TestCategory("Engine")]
public sealed class ReferenceCache
{
    [TestMethod]
    [DataRow("synthetic")]
    [DataRow("hg19")]
    public void GivesBackEveryChromosomeAsTheTablesDo(string tables)
    {
        var directory = tables == "hg19" ? LinkedCopy(EngineTestData.SharedReferenceDirectory()) : Copy(EngineTestData.SyntheticDirectory);
        var parsed = ReferenceLoader.BuildFromTables(ReferenceFiles.Discover(directory));
        ReferenceLoader.Load(directory);

        using var log = new StringWriter();
        var cached = ReferenceLoader.Load(directory, log: log);

        StringAssert.Contains(log.ToString(), "(index cache ");
        var lazy = (LazyChromosomes)cached.Chromosomes;
        Assert.AreEqual(0, lazy.BuiltCount, "loading decodes no chromosome");
        Assert.AreEqual(parsed.TranscriptCount, cached.TranscriptCount);
        Assert.AreEqual(parsed.GeneCount, cached.GeneCount);
        Assert.AreEqual((parsed.HasCytoBands, parsed.HasGwas, parsed.HasDbSnp), (cached.HasCytoBands, cached.HasGwas, cached.HasDbSnp));
        CollectionAssert.AreEqual(parsed.Sources.ToList(), cached.Sources.ToList());
        CollectionAssert.AreEqual(parsed.ContigLengths.ToList(), cached.ContigLengths.ToList());
        Assert.AreEqual(parsed.Build, cached.Build);
        CollectionAssert.AreEqual(parsed.Chromosomes.Keys.ToList(), cached.Chromosomes.Keys.ToList());

        var first = parsed.Chromosomes.Keys.First();
        AssertSame(parsed.Find(first)!, cached.Find(first)!);
        Assert.AreEqual(1, lazy.BuiltCount, "a lookup decodes that chromosome alone");
        foreach (var name in parsed.Chromosomes.Keys)
        {
            AssertSame(parsed.Find(name)!, cached.Find(name)!);
        }

        Assert.IsNull(cached.Find("no_such_contig"));
    }

    [TestMethod]
    [DataRow("a flipped byte in a chromosome block")]
    [DataRow("a flipped byte in the middle")]
    [DataRow("truncated")]
    [DataRow("the version-4 layout")]
    [DataRow("empty")]
    public void RebuildsACacheThatIsDamagedInsteadOfTrustingIt(string damage)
    {
        var directory = Copy(EngineTestData.SyntheticDirectory);
        var expected = ReferenceLoader.Load(directory);
        var cache = Path.Combine(directory, ReferenceLoader.CacheFileName);
        var bytes = File.ReadAllBytes(cache);
        File.WriteAllBytes(cache, damage switch
        {
            "a flipped byte in a chromosome block" => Flipped(bytes, bytes.Length - 5),
            "a flipped byte in the middle" => Flipped(bytes, bytes.Length / 2),
            "truncated" => bytes[..^9],
            "the version-4 layout" => [.. BitConverter.GetBytes(0x58444947), .. BitConverter.GetBytes(4), .. bytes[8..]],
            _ => [],
        });

        using var log = new StringWriter();
        var rebuilt = ReferenceLoader.Load(directory, log: log);
        using var again = new StringWriter();
        ReferenceLoader.Load(directory, log: again);

        StringAssert.Contains(log.ToString(), "tables parsed", "a damaged cache is not read");
        StringAssert.Contains(again.ToString(), "(index cache ", "the rebuilt cache is written back and read next time");
        Assert.AreEqual(expected.TranscriptCount, rebuilt.TranscriptCount);
        foreach (var name in expected.Chromosomes.Keys)
        {
            AssertSame(expected.Find(name)!, rebuilt.Find(name)!);
        }
    }

    private static byte[] Flipped(byte[] bytes, int at)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= 0x20;
        return copy;
    }

    private static void AssertSame(ChromosomeIndex expected, ChromosomeIndex actual)
    {
        var where = $"chromosome {expected.Name}";
        Assert.AreEqual(expected.Name, actual.Name);
        Assert.HasCount(expected.Transcripts.Length, actual.Transcripts, where);
        for (var i = 0; i < expected.Transcripts.Length; i++)
        {
            Transcript e = expected.Transcripts[i], a = actual.Transcripts[i];
            Assert.AreEqual(
                (e.Name, e.Gene, e.Forward, e.TxStart, e.TxEnd, e.CdsStart, e.CdsEnd),
                (a.Name, a.Gene, a.Forward, a.TxStart, a.TxEnd, a.CdsStart, a.CdsEnd), $"{where}, transcript {i}");
            Assert.AreSame(e.Gene, a.Gene, "gene symbols are interned: the annotator compares them by reference");
            CollectionAssert.AreEqual(e.ExonStarts, a.ExonStarts, where);
            CollectionAssert.AreEqual(e.ExonEnds, a.ExonEnds, where);
        }

        CollectionAssert.AreEqual(expected.AnnovarBins, actual.AnnovarBins, where);
        CollectionAssert.AreEqual(expected.Bands, actual.Bands, where);
        CollectionAssert.AreEqual(expected.GwasPositions, actual.GwasPositions, where);
        CollectionAssert.AreEqual(expected.GwasTraits, actual.GwasTraits, where);
        CollectionAssert.AreEqual(expected.SnpPositions, actual.SnpPositions, where);
        CollectionAssert.AreEqual(expected.SnpRs, actual.SnpRs, where);
        CollectionAssert.AreEqual(expected.SnpKeys, actual.SnpKeys, where);
        CollectionAssert.AreEqual(expected.BinOffsets, actual.BinOffsets, where);
        CollectionAssert.AreEqual(expected.BinItems, actual.BinItems, where);
        CollectionAssert.AreEqual(expected.ByEnd, actual.ByEnd, where);
    }

    private static string Copy(string source)
    {
        var directory = EngineTestData.NewTempDirectory();
        foreach (var file in Directory.GetFiles(source).Where(f => Path.GetFileName(f) != ReferenceLoader.CacheFileName))
        {
            File.Copy(file, Path.Combine(directory, Path.GetFileName(file)));
        }

        return directory;
    }

    private static string LinkedCopy(string source)
    {
        var directory = EngineTestData.NewTempDirectory();
        foreach (var file in Directory.GetFiles(source).Where(f => Path.GetFileName(f) != ReferenceLoader.CacheFileName))
        {
            File.CreateSymbolicLink(Path.Combine(directory, Path.GetFileName(file)), new FileInfo(file).LinkTarget ?? file);
        }

        return directory;
    }
}
