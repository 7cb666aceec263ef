using Gas.Core.VariantIndex;

namespace Gas.Tests.Results;

/// <summary>
/// The summary's 20 genes are picked without sorting every gene (a heap of 20), and the writer splits gene lists as their
/// labels come instead of at the end: both must give what sorting all the members would, ties broken by name.
/// </summary>
[TestClass]
[TestCategory("Unit")]
public sealed class SummaryTopGenes
{
    [TestMethod]
    public void TheTwentyGenesAreThoseAFullSortGivesWithTiesByName()
    {
        var random = new Random(7);
        // 600 gene labels: single genes, lists of two or three (members shared between labels), and NONE, which never shows
        var genes = new List<string?> { null };
        for (var i = 0; i < 600; i++)
        {
            genes.Add((i % 7) switch
            {
                0 => $"G{random.Next(300):000},G{random.Next(300):000}",
                1 => $"G{random.Next(300):000},G{random.Next(300):000},G{random.Next(300):000}",
                2 => "NONE",
                _ => $"G{random.Next(300):000}",
            });
        }

        var counts = new long[genes.Count];
        var facets = new Facet[genes.Count];
        for (var id = 1; id < genes.Count; id++)
        {
            counts[id] = random.Next(1, 6); // few distinct counts: many ties
            facets[id] = new Facet(1, 0, 1, id, 0, 0, 0, 0, false);
        }

        var labels = new LabelTexts([["", "1"], [null], [null, "intronic"], [.. genes], [null], [null], [null], [null]]);
        var expected = genes.Select((g, id) => (g, id)).Where(x => x.g is not null)
            .SelectMany(x => x.g!.Split(',').Distinct().Select(member => (Member: member, Count: counts[x.id])))
            .Where(x => x.Member != "NONE")
            .GroupBy(x => x.Member, StringComparer.Ordinal)
            .Select(g => (Gene: g.Key, Count: g.Sum(x => x.Count)))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Gene, StringComparer.Ordinal)
            .Take(ResultsSummary.TopGeneCount).Select(g => $"{g.Gene} {g.Count}").ToArray();

        var fromFacets = new FacetTally(facets, labels).Summarize(counts, include: null);
        CollectionAssert.AreEqual(expected, fromFacets.TopGenes.Select(g => $"{g.Label} {g.Count}").ToArray(), "a reader's summary");

        // as the writer does: members split label by label, counts added facet by facet
        var members = new LabelMembers([null], 1);
        foreach (var g in genes.Skip(1))
        {
            members.Add(g);
        }

        var tally = new SummaryCounts();
        for (var id = 1; id < genes.Count; id++)
        {
            tally.Add(facets[id], counts[id], intergenic: false);
        }

        var fromWriter = new FacetTally(ReadOnlyMemory<Facet>.Empty, labels, members, new LabelMembers([null], 1)).Summary(tally);
        CollectionAssert.AreEqual(expected, fromWriter.TopGenes.Select(g => $"{g.Label} {g.Count}").ToArray(), "the writer's summary");
    }
}
