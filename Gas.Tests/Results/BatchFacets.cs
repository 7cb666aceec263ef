using Gas.Core.VariantIndex;

namespace Gas.Tests.Results;

/// <summary>
/// A batch finds each allele's facet by a packed 64-bit key while its label codes fit the key's fields, and by the whole
/// facet once one does not (more genes in one batch than the key has room for): either way one combination is one facet.
/// </summary>
[TestClass]
[TestCategory("Unit")]
public sealed class BatchFacets
{
    [TestMethod]
    public void OneCombinationIsOneFacetOnBothSidesOfTheKeysRoom()
    {
        const int genes = 5_000; // past the 2,047 gene codes a packed key holds
        var rows = new IndexRows();
        for (var round = 0; round < 2; round++)
        {
            for (var g = 0; g < genes; g++)
            {
                var known = g % 3 == 0;
                rows.BeginRecord("1", 1000 + g, known ? $"rs{g + 1}" : ".", "A", 50, g % 2 == 0 ? "PASS" : "q10", "1p36.33", "", "");
                rows.AddAllele("G", "intronic", $"GENE{g}", "", "", "");
            }
        }

        Assert.AreEqual(genes * 2, rows.Count);
        Assert.AreEqual(genes, rows.Facets.Length, "each gene's combination met twice is one facet");
        for (var f = 0; f < rows.Facets.Length; f++)
        {
            Assert.AreEqual(2, rows.FacetAlleles(f), $"facet {f}");
        }

        var ids = rows.FacetIds;
        for (var i = 0; i < genes; i++)
        {
            Assert.AreEqual(ids[i], ids[genes + i], $"allele {i} and its repeat");
        }

        var facet = rows.Facets[ids[genes - 1]];
        Assert.AreEqual(("GENE4999", false, "q10"), (rows.Labels(LabelKind.Genes)[facet.Genes - 1].ToString(), facet.Known, rows.Labels(LabelKind.Filter)[facet.Filter - 1].ToString()));
    }
}
