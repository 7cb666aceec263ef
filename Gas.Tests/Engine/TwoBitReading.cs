using System.Text;
using Gas.Annotator.Engine.Sequence;

namespace Gas.Tests.Engine;

/// <summary>The .2bit reader against files written from UCSC's format description, including one assembled byte by byte here.</summary>
[TestClass]
[TestCategory("Engine")]
public sealed class TwoBitReading
{
    private static string Read(TwoBitFile file, string name, long start, int length)
    {
        var buffer = new byte[length];
        var read = file.Read(name, start, buffer);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    [TestMethod]
    public void ReadsAFileAssembledByHandFromTheFormatDescription()
    {
        // header: signature, version 0, one sequence, reserved; index: "chrT" at offset 16 + 1 + 4 + 4 = 25;
        // record: dnaSize 6, one N block (start 4, size 2), no mask block, reserved, then ACGTAC packed as
        // A=10 C=01 G=11 T=00 -> 1001 1100 = 0x9C, then A C (+ two pad bases) -> 1001 0000 = 0x90
        var bytes = new List<byte>();
        void UInt32(uint v) => bytes.AddRange(BitConverter.GetBytes(v));
        UInt32(0x1A412743);
        UInt32(0);
        UInt32(1);
        UInt32(0);
        bytes.Add(4);
        bytes.AddRange("chrT"u8.ToArray());
        UInt32(25);
        UInt32(6);
        UInt32(1);
        UInt32(4);
        UInt32(2);
        UInt32(0);
        UInt32(0);
        bytes.Add(0x9C);
        bytes.Add(0x90);
        var path = Path.Combine(EngineTestData.NewTempDirectory(), "hand.2bit");
        File.WriteAllBytes(path, bytes.ToArray());

        using var file = TwoBitFile.Open(path);

        Assert.AreEqual(6, file.Length("T"), "names are normalized like the tables (chrT -> T)");
        Assert.AreEqual("ACGTNN", Read(file, "T", 1, 6));
        Assert.AreEqual("GTN", Read(file, "T", 3, 3));
    }

    [TestMethod]
    [DataRow(0, false)]
    [DataRow(1, false)]
    [DataRow(0, true)]
    [DataRow(1, true)]
    public void ReadsBothVersionsInBothByteOrders(int version, bool bigEndian)
    {
        var path = Path.Combine(EngineTestData.NewTempDirectory(), "g.2bit");
        TwoBitWriter.Write(path, [("chr1", "NNNNacgtACGTTTGGnnCA"), ("chrM", "GATTACA")], version, bigEndian);

        using var file = TwoBitFile.Open(path);

        Assert.AreEqual("NNNNACGTACGTTTGGNNCA", Read(file, "1", 1, 20), "N blocks become N; soft-masking is ignored");
        Assert.AreEqual("TTGGNNC", Read(file, "1", 13, 7));
        Assert.AreEqual("GATTACA", Read(file, "M", 1, 7));
    }

    [TestMethod]
    public void StopsAtTheEndOfASequenceAndKnowsNoOtherName()
    {
        var path = Path.Combine(EngineTestData.NewTempDirectory(), "g.2bit");
        TwoBitWriter.Write(path, [("chr2", "ACGTACG")]);

        using var file = TwoBitFile.Open(path);

        Assert.AreEqual("ACG", Read(file, "2", 5, 10));
        Assert.AreEqual("", Read(file, "2", 8, 3));
        Assert.AreEqual("", Read(file, "3", 1, 3));
        Assert.AreEqual(-1, file.Length("3"));
    }

    [TestMethod]
    public void RefusesAFileThatIsNotTwoBit()
    {
        var path = Path.Combine(EngineTestData.NewTempDirectory(), "not.2bit");
        File.WriteAllText(path, "<html>this is an error page, not a genome</html>");

        Assert.ThrowsExactly<InvalidDataException>(() => TwoBitFile.Open(path));
    }

    [TestMethod]
    public async Task ServesManyThreadsAtOnce()
    {
        var random = new Random(7);
        var bases = new string(Enumerable.Range(0, 100_000).Select(_ => "ACGT"[random.Next(4)]).ToArray());
        var path = Path.Combine(EngineTestData.NewTempDirectory(), "g.2bit");
        TwoBitWriter.Write(path, [("chr9", bases)]);
        using var file = TwoBitFile.Open(path);

        var wrong = 0;
        await Parallel.ForAsync(0, 20_000, (i, _) =>
        {
            var start = (i * 37 % 99_000) + 1;
            if (Read(file, "9", start, 50) != bases.Substring(start - 1, 50))
            {
                Interlocked.Increment(ref wrong);
            }

            return ValueTask.CompletedTask;
        });

        Assert.AreEqual(0, wrong);
    }
}
