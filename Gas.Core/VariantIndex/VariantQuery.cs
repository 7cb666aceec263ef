using Microsoft.Data.Sqlite;
using static Gas.Core.VariantIndex.ResultsIndexFormat;

namespace Gas.Core.VariantIndex;

/// <summary>
/// A <see cref="VariantFilter"/> split in two: conditions on the categories as SQL on <c>facets</c> (aliased <c>f</c>), and
/// what only the alleles themselves can answer — a region's positions, an ID- or HGVS-shaped text in ID, GeneDetail and
/// AAChange — for the block scan (<see cref="RowMatcher"/>).
/// </summary>
internal sealed class VariantQuery
{
    private readonly List<string> _facetConditions = [];
    private readonly Dictionary<string, object> _parameters = new(StringComparer.Ordinal);

    public VariantQuery(VariantFilter filter)
    {
        Add(filter.Funcs, Kinds.Func, "f.func", "f");
        Add(filter.ExonicFuncs, Kinds.ExonicFunc, "f.exonic_func", "e");
        if (filter.Gene is { } gene)
        {
            // Genes behind the allele's class; an intergenic allele's neighbours are not its genes (as in the summary).
            _facetConditions.Add($"f.genes IN (SELECT id FROM labels WHERE kind = '{Kinds.Genes}' AND instr(',' || upper(text) || ',', ',' || $gene || ',') > 0)");
            _facetConditions.Add($"f.func NOT IN (SELECT id FROM labels WHERE kind = '{Kinds.Func}' AND text = 'intergenic')");
            _parameters["$gene"] = gene.Trim().ToUpperInvariant();
        }

        if ((filter.Region?.Chrom ?? filter.Chrom) is { } chrom)
        {
            _facetConditions.Add($"f.chrom IN (SELECT id FROM labels WHERE kind = '{Kinds.Chrom}' AND (upper(text) = $chrom OR upper(text) = 'CHR' || $chrom))");
            _parameters["$chrom"] = ChromosomeOrder.Bare(chrom.Trim()).ToUpperInvariant();
        }

        if (filter.GwasOnly)
        {
            _facetConditions.Add("f.gwas > 0");
        }

        if (filter.Known is { } known)
        {
            _facetConditions.Add($"f.known = {(known ? 1 : 0)}");
        }

        Region = filter.Region;

        if (filter.Text is { } text)
        {
            // A gene name in AAChange is also in the allele's Gene.refGene, so a plain word is answered by the labels alone.
            string Label(string kind, string column) => $"f.{column} IN (SELECT id FROM labels WHERE kind = '{kind}' AND instr(lower(text), $q) > 0)";
            var labels = "(" + string.Join(" OR ", Label(Kinds.Genes, "genes"), Label(Kinds.CytoBand, "cytoband"), Label(Kinds.Gwas, "gwas"),
                Label(Kinds.Func, "func"), Label(Kinds.ExonicFunc, "exonic_func"), Label(Kinds.Filter, "filter")) + ")";
            _parameters["$q"] = text.Trim().ToLowerInvariant();
            if (VariantFilter.SearchesRows(text.Trim()))
            {
                // matched by its categories' labels, or else by the allele's own text
                TextFacetWhere = labels;
                RowText = text.Trim();
            }
            else
            {
                _facetConditions.Add(labels);
            }
        }
    }

    /// <summary>The positions the alleles must fall in (their chromosome is a facet condition), or null.</summary>
    public GenomicRegion? Region { get; }

    /// <summary>Text to look for in ID, GeneDetail and AAChange (case-insensitive) when the labels do not match, or null.</summary>
    public string? RowText { get; }

    /// <summary>With <see cref="RowText"/>: the facets whose labels match the text already.</summary>
    public string? TextFacetWhere { get; }

    /// <summary>The facet counts answer it alone (no region, no ID- or HGVS-shaped text).</summary>
    public bool IsCategorical => Region is null && RowText is null;

    /// <summary>Conditions on <c>facets f</c>.</summary>
    public string FacetWhere => _facetConditions.Count == 0 ? "1" : string.Join(" AND ", _facetConditions);

    public SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in _parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private void Add(IReadOnlyList<string> values, string kind, string column, string prefix)
    {
        if (values.Count == 0)
        {
            return;
        }

        var names = values.Select((value, i) => $"${prefix}{i}").ToArray();
        for (var i = 0; i < values.Count; i++)
        {
            _parameters[names[i]] = values[i];
        }

        _facetConditions.Add($"{column} IN (SELECT id FROM labels WHERE kind = '{kind}' AND text IN ({string.Join(", ", names)}))");
    }
}
