using Gas.Core.VariantIndex;

namespace Gas.RazorPages.Jobs;

/// <summary>What the summary partial shows: the job's (or the filter's) counts, and whether its links may open the table.</summary>
public sealed record SummaryView(string JobId, ResultsIndexInfo Info, ResultsSummary Summary, VariantTableQuery Query, bool CanBrowse)
{
    public bool Filtered => !Query.Filter.IsEmpty;

    /// <summary>The variant table narrowed further, or null when the viewer may not open the table.</summary>
    public string? Link(Func<VariantFilter, VariantFilter> change) =>
        CanBrowse ? $"/annotations/{JobId}/variants{Query.With(change).ToQueryString()}" : null;

    public BarChart FuncChart => new("Alleles per region class (Func.refGene)", Summary.Funcs,
        label => label.Length == 0 ? null : Link(f => f with { Funcs = [label] }));

    public BarChart ExonicFuncChart => new("Exonic alleles per effect (ExonicFunc.refGene)", Summary.ExonicFuncs,
        label => Link(f => f with { ExonicFuncs = [label] }));

    public BarChart ChromosomeChart => new("Alleles per chromosome", Summary.Chromosomes,
        label => Link(f => f with { Chrom = label }), label => "chr" + ChromosomeOrder.Bare(label));
}
