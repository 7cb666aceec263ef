using System.Text;
using Gas.Core.VariantIndex;
using Gas.Tests.Support;

namespace Gas.Tests.Results;

/// <summary>
/// The annotator's same-pass index: the bytes written through <see cref="IndexingOutputStream"/> reach the file unchanged and
/// the index built from them matches one built from the file; a broken output or an abandoned run never fails the writer.
/// </summary>
[TestClass]
[TestCategory("Unit")]
public sealed class IndexingWhileWriting
{
    private static string Vcf(int records)
    {
        var text = new StringBuilder("##fileformat=VCFv4.2\n##GAS_reference=<Build=\"GRCh38 (hg38)\",Sources=\"genes\">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
        for (var i = 0; i < records; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"{1 + i % 3}\t{100 + i}\t{(i % 2 == 0 ? $"rs{i}" : ".")}\tA\tG{(i % 7 == 0 ? ",T" : "")}\t50\tPASS\tFunc.refGene={(i % 5 == 0 ? "exonic" : "intronic")};Gene.refGene=G{i % 11}\n");
        }

        return text.ToString();
    }

    /// <summary>Writes in uneven pieces, as the engine's batches end mid-line.</summary>
    private static async Task WriteInPiecesAsync(Stream output, byte[] bytes)
    {
        for (var at = 0; at < bytes.Length;)
        {
            var length = Math.Min(bytes.Length - at, 1 + (int)((long)at * 7919 % 70_000));
            await output.WriteAsync(bytes.AsMemory(at, length));
            at += length;
        }
    }

    [TestMethod]
    public async Task TheIndexBuiltAlongsideMatchesTheOneBuiltFromTheFile()
    {
        var dir = Paths.NewTempDirectory();
        var bytes = Encoding.UTF8.GetBytes(Vcf(20_000));
        ResultsIndexStats stats;
        await using (var file = File.Create(Path.Combine(dir, "out.vcf")))
        await using (var output = new IndexingOutputStream(file, Path.Combine(dir, "alongside.sqlite"), CancellationToken.None))
        {
            await WriteInPiecesAsync(output, bytes);
            stats = await output.CompleteAsync();
        }

        CollectionAssert.AreEqual(bytes, await File.ReadAllBytesAsync(Path.Combine(dir, "out.vcf")), "the file gets every byte unchanged");
        await using (var vcf = File.OpenRead(Path.Combine(dir, "out.vcf")))
        {
            ResultsIndexBuilder.Build(vcf, Path.Combine(dir, "fromfile.sqlite"));
        }

        var alongside = new ResultsIndex(Path.Combine(dir, "alongside.sqlite"));
        var fromFile = new ResultsIndex(Path.Combine(dir, "fromfile.sqlite"));
        Assert.AreEqual((20_000L, 22_858L), (stats.Records, stats.Alleles));
        Assert.AreEqual(fromFile.Info, alongside.Info);
        var exonic = new VariantFilter { Funcs = ["exonic"] };
        CollectionAssert.AreEqual(fromFile.Rows(exonic, VariantSort.Position).ToList(), alongside.Rows(exonic, VariantSort.Position).ToList());
        Assert.AreEqual(fromFile.Summary(new VariantFilter()).Funcs.Count, alongside.Summary(new VariantFilter()).Funcs.Count);
    }

    [TestMethod]
    public async Task ABrokenOutputFailsTheIndexButNotTheWriting()
    {
        var dir = Paths.NewTempDirectory();
        var bytes = Encoding.UTF8.GetBytes(Vcf(10) + "not a record\n" + Vcf(5_000)[^200_000..]);
        await using var file = File.Create(Path.Combine(dir, "out.vcf"));
        await using var output = new IndexingOutputStream(file, Path.Combine(dir, "index.sqlite"), CancellationToken.None);
        await WriteInPiecesAsync(output, bytes);
        var failure = await Assert.ThrowsExactlyAsync<FormatException>(output.CompleteAsync);
        StringAssert.Contains(failure.Message, "is not a VCF record");
        Assert.AreEqual(bytes.Length, new FileInfo(Path.Combine(dir, "out.vcf")).Length, "every byte still reached the file");
    }

    [TestMethod]
    public async Task AnAbandonedRunEndsTheBuilderQuietly()
    {
        var dir = Paths.NewTempDirectory();
        await using var file = File.Create(Path.Combine(dir, "out.vcf"));
        var output = new IndexingOutputStream(file, Path.Combine(dir, "index.sqlite"), CancellationToken.None);
        await WriteInPiecesAsync(output, Encoding.UTF8.GetBytes(Vcf(1_000)[..30_000]));
        await output.DisposeAsync();
        Assert.IsTrue(file.CanWrite, "the file stays the caller's to close");
    }
}
