namespace Gas.Core.VariantIndex;

/// <summary>
/// The writer's facets by id, with the alleles counted under each. Each batch's facets (<see cref="IndexRows.Facets"/>,
/// distinct within the batch) are appended as they come, not merged with earlier batches': a combination that spans batches
/// gets an id in each, which every reader sums alike (summaries add counts per label; a filter selects by the labels). In a
/// sorted file a facet rarely spans two batches (a million alleles: ~206,000 facets stored, ~205,000 distinct), and merging
/// them cost the index's single thread a hash lookup and insert per facet, most of its time.
/// </summary>
internal sealed class FacetCounts
{
    private Facet[] _facets = new Facet[1 << 12];
    private long[] _counts = new long[1 << 12];
    private int _count;

    /// <summary>Every facet by id.</summary>
    public ReadOnlyMemory<Facet> Facets => _facets.AsMemory(0, _count);

    /// <summary>Alleles per facet, by id.</summary>
    public ReadOnlySpan<long> Counts => _counts.AsSpan(0, _count);

    /// <summary>A new facet's id, with its alleles.</summary>
    public int Add(in Facet facet, int alleles)
    {
        if (_count == _facets.Length)
        {
            Array.Resize(ref _facets, _count * 2);
            Array.Resize(ref _counts, _count * 2);
        }

        _facets[_count] = facet;
        _counts[_count] = alleles;
        return _count++;
    }
}
