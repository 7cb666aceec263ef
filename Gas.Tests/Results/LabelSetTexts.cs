using Gas.Core.VariantIndex;

namespace Gas.Tests.Results;

/// <summary>
/// The index keeps its labels in one character array (<see cref="LabelSet"/>) instead of a string each: each distinct text
/// gets the next id and the same text finds it again, past every growth of the arrays and the table, texts sharing a slot
/// are found past each other, and a cleared set starts again from id 0.
/// </summary>
[TestClass]
[TestCategory("Unit")]
public sealed class LabelSetTexts
{
    [TestMethod]
    public void EachDistinctTextKeepsTheIdItFirstGotAcrossEveryGrowth()
    {
        var set = new LabelSet(initialCapacity: 4);
        var texts = Enumerable.Range(0, 20_000).Select(i => i % 7 == 0 ? "" + i : "GENE" + i + (i % 3 == 0 ? ",NEIGHBOUR" + i : "")).ToList();
        texts.Add(new string('x', 1_000));
        for (var i = 0; i < texts.Count; i++)
        {
            Assert.AreEqual(i, set.Add(texts[i], out var added));
            Assert.IsTrue(added, texts[i]);
        }

        for (var i = texts.Count - 1; i >= 0; i--)
        {
            Assert.AreEqual(i, set.Add(texts[i].AsSpan(), out var added));
            Assert.IsFalse(added, texts[i]);
            Assert.AreEqual(texts[i], set[i].ToString());
        }

        Assert.AreEqual(texts.Count, set.Count);
        CollectionAssert.AreEqual(texts, set.ToStrings());
    }

    [TestMethod]
    public void TextsSharingSlotsAreToldApartAndAClearedSetStartsAgain()
    {
        // a table of a few slots: texts share slots and are found past each other along the probe
        var set = new LabelSet(initialCapacity: 2);
        string[] texts = ["intronic", "intergenic", "exonic", "UTR3", "UTR5", "splicing", "ncRNA_exonic", "upstream"];
        foreach (var text in texts)
        {
            set.Add(text, out _);
        }

        Assert.AreEqual(Array.IndexOf(texts, "UTR5"), set.Add("UTR5", out var again));
        Assert.IsFalse(again);

        set.Clear();
        Assert.AreEqual(0, set.Count);
        Assert.AreEqual(0, set.Add("exonic", out var added));
        Assert.IsTrue(added);
        Assert.AreEqual(1, set.Add("intronic", out _));
        Assert.AreEqual("intronic", set[1].ToString());
    }
}
