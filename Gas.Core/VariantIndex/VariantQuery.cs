using Microsoft.Data.Sqlite;
using static Gas.Core.VariantIndex.ResultsIndexFormat;

namespace Gas.Core.VariantIndex;

/// <summary>
/// A <see cref="VariantFilter"/> as SQL: conditions on the categories go to <c>facets</c> (aliased <c>f</c>); a region and the
/// free text's HGVS/ID part look at the variant rows (aliased <c>v</c>), which reach their facets through <c>v.facet</c>.
/// </summary>
internal sealed class VariantQuery
{
    private readonly List<string> _facetConditions = [];
    private readonly List<string> _rowConditions = [];
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

        if (filter.Region is { } region)
        {
            _rowConditions.Add("v.pos BETWEEN $start AND $end");
            _parameters["$start"] = region.Start;
            _parameters["$end"] = region.End;
        }

        if (filter.Text is { } text)
        {
            // A gene name in AAChange is also in the allele's Gene.refGene, so a plain word is answered by the labels alone.
            string Label(string kind, string column) => $"f.{column} IN (SELECT id FROM labels WHERE kind = '{kind}' AND instr(lower(text), $q) > 0)";
            var labels = "(" + string.Join(" OR ", Label(Kinds.Genes, "genes"), Label(Kinds.CytoBand, "cytoband"), Label(Kinds.Gwas, "gwas"),
                Label(Kinds.Func, "func"), Label(Kinds.ExonicFunc, "exonic_func"), Label(Kinds.Filter, "filter")) + ")";
            _parameters["$q"] = text.Trim().ToLowerInvariant();
            if (VariantFilter.SearchesRows(text.Trim()))
            {
                _rowConditions.Add($"(v.facet IN (SELECT f.id FROM facets f WHERE {labels}) OR v.vcf_id LIKE $like ESCAPE '\\' " +
                    "OR v.gene_detail LIKE $like ESCAPE '\\' OR v.aa_change LIKE $like ESCAPE '\\')");
                _parameters["$like"] = "%" + text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                    .Replace("_", "\\_", StringComparison.Ordinal) + "%";
            }
            else
            {
                _facetConditions.Add(labels);
            }
        }
    }

    /// <summary>The facet counts answer it alone (no region, no ID- or HGVS-shaped text).</summary>
    public bool IsCategorical => _rowConditions.Count == 0;

    /// <summary>Conditions on <c>facets f</c>.</summary>
    public string FacetWhere => _facetConditions.Count == 0 ? "1" : string.Join(" AND ", _facetConditions);

    /// <summary>
    /// Conditions on <c>variants v</c>. <paramref name="useFacetIndex"/> false keeps SQLite off the facet index, for filters that
    /// match so many rows that walking the table in order finds a page sooner than sorting what the index gives.
    /// </summary>
    public string RowWhere(bool useFacetIndex)
    {
        var conditions = new List<string>(_rowConditions);
        if (_facetConditions.Count > 0)
        {
            conditions.Insert(0, $"{(useFacetIndex ? "" : "+")}v.facet IN (SELECT f.id FROM facets f WHERE {FacetWhere})");
        }

        return conditions.Count == 0 ? "1" : string.Join(" AND ", conditions);
    }

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
