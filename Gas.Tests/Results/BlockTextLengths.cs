using Gas.Core.VariantIndex;

namespace Gas.Tests.Results;

/// <summary>
/// A block stores its text values' lengths as LEB128 numbers (one byte for the usual short value) and the reader turns them
/// back into offsets: every length comes back, long values included, and lengths that do not add up to the block's text
/// are refused rather than read past.
/// </summary>
[TestClass]
[TestCategory("Unit")]
public sealed class BlockTextLengths
{
    [TestMethod]
    public void OffsetsComeBackFromTheStoredLengthsAcrossEveryWidth()
    {
        var random = new Random(11);
        int[] edges = [0, 1, 127, 128, 129, 16_383, 16_384, 2_097_151, 2_097_152, 300_000_000];
        var offsets = new List<int> { 0 };
        foreach (var length in edges.Concat(Enumerable.Range(0, 5_000).Select(_ => random.Next(3) == 0 ? random.Next(1_000) : random.Next(12))))
        {
            offsets.Add(offsets[^1] + length);
        }

        var stored = new byte[(offsets.Count - 1) * TextLengths.MaxBytesPerValue];
        var used = TextLengths.Encode(offsets.ToArray(), stored);
        Assert.IsLessThan((offsets.Count - 1) * 2, used, "most lengths take one byte");

        var back = new int[offsets.Count];
        Assert.IsTrue(TextLengths.TryDecode(stored.AsSpan(0, used), back, offsets[^1]));
        CollectionAssert.AreEqual(offsets.ToArray(), back);
    }

    [TestMethod]
    public void LengthsThatDoNotFitTheTextAreRefused()
    {
        int[] offsets = [0, 3, 3, 200, 205];
        var stored = new byte[20];
        var used = TextLengths.Encode(offsets, stored);
        var back = new int[offsets.Length];
        Assert.IsTrue(TextLengths.TryDecode(stored.AsSpan(0, used), back, 205));

        Assert.IsFalse(TextLengths.TryDecode(stored.AsSpan(0, used), back, 204), "more text claimed than the block has");
        Assert.IsFalse(TextLengths.TryDecode(stored.AsSpan(0, used), back, 206), "less text claimed than the block has");
        Assert.IsFalse(TextLengths.TryDecode(stored.AsSpan(0, used - 1), back, 205), "a value missing");
        Assert.IsFalse(TextLengths.TryDecode(stored.AsSpan(0, used), new int[offsets.Length - 1], 205), "a value too many");
        Assert.IsFalse(TextLengths.TryDecode([0x80, 0x80], back, 205), "a number cut off");
        Assert.IsFalse(TextLengths.TryDecode([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0, 0, 0], back, 205), "a number too long");
    }
}
