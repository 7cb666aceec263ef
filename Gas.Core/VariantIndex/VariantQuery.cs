namespace Gas.Core.VariantIndex;

/// <summary>
/// A <see cref="VariantFilter"/> split in two: conditions on the categories, answered in memory from the index's labels and
/// facets (a mask of the facets they select), and what only the alleles themselves can answer — a region's positions, an ID-
/// or HGVS-shaped text in ID, GeneDetail and AAChange — for the block scan (<see cref="RowMatcher"/>). Label texts compare as
/// SQLite did when this was SQL: exactly for classes, ASCII letters without regard to case for genes, chromosomes and text.
/// </summary>
internal sealed class VariantQuery
{
    private static readonly LabelKind[] TextKinds =
        [LabelKind.Genes, LabelKind.CytoBand, LabelKind.Gwas, LabelKind.Func, LabelKind.ExonicFunc, LabelKind.Filter];

    private readonly VariantFilter _filter;
    private readonly string? _gene;
    private readonly string? _chrom;
    private readonly string? _text;

    public VariantQuery(VariantFilter filter)
    {
        _filter = filter;
        _gene = filter.Gene?.Trim().ToUpperInvariant();
        _chrom = (filter.Region?.Chrom ?? filter.Chrom) is { } chrom ? ChromosomeOrder.Bare(chrom.Trim()).ToUpperInvariant() : null;
        Region = filter.Region;
        if (filter.Text is { } text)
        {
            _text = text.Trim().ToLowerInvariant();
            if (VariantFilter.SearchesRows(text.Trim()))
            {
                RowText = text.Trim();
            }
        }
    }

    /// <summary>The positions the alleles must fall in (their chromosome is a facet condition), or null.</summary>
    public GenomicRegion? Region { get; }

    /// <summary>Text to look for in ID, GeneDetail and AAChange (case-insensitive) when the labels do not match, or null.</summary>
    public string? RowText { get; }

    /// <summary>The facet counts answer it alone (no region, no ID- or HGVS-shaped text).</summary>
    public bool IsCategorical => Region is null && RowText is null;

    /// <summary>The matcher for this filter over one index's facets (by id).</summary>
    public RowMatcher Matcher(Facet[] facets, LabelTexts labels)
    {
        var funcs = Exactly(labels, LabelKind.Func, _filter.Funcs);
        var exonic = Exactly(labels, LabelKind.ExonicFunc, _filter.ExonicFuncs);
        var genes = _gene is { } gene ? Mask(labels.Of(LabelKind.Genes), t => NamesInList(t, gene)) : null;
        var intergenic = _gene is null ? null : Mask(labels.Of(LabelKind.Func), t => t == "intergenic");
        var chroms = _chrom is { } chrom ? Mask(labels.Of(LabelKind.Chrom), t => Folded(t, chrom, upper: true) || (t.Length == chrom.Length + 3 && Folded(t.AsSpan(0, 3), "CHR", upper: true) && Folded(t.AsSpan(3), chrom, upper: true))) : null;
        var text = _text is { } q ? TextKinds.Select(kind => Mask(labels.Of(kind), t => FoldedContains(t, q))).ToArray() : null;

        var selected = new byte[facets.Length];
        var byLabels = RowText is null ? null : new byte[facets.Length];
        var every = true;
        for (var id = 0; id < facets.Length; id++)
        {
            var f = facets[id];
            var labelsMatchText = text is null || Has(text[0], f.Genes) || Has(text[1], f.CytoBand) || Has(text[2], f.Gwas)
                || Has(text[3], f.Func) || Has(text[4], f.ExonicFunc) || Has(text[5], f.Filter);
            var ok = (funcs is null || Has(funcs, f.Func))
                && (exonic is null || Has(exonic, f.ExonicFunc))
                && (genes is null || (Has(genes, f.Genes) && !Has(intergenic!, f.Func)))
                && (chroms is null || Has(chroms, f.Chrom))
                && (!_filter.GwasOnly || f.Gwas > 0)
                && (_filter.Known is not { } known || f.Known == known)
                && (byLabels is not null || labelsMatchText);
            selected[id] = ok ? (byte)1 : (byte)0;
            every &= ok;
            if (byLabels is not null)
            {
                byLabels[id] = labelsMatchText ? (byte)1 : (byte)0;
            }
        }

        return new RowMatcher(facets, selected, byLabels, Region, RowText is { } rowText ? new RowTextSearch(rowText) : null, every);
    }

    private static bool Has(bool[] mask, int id) => (uint)id < (uint)mask.Length && mask[id];

    private static bool[]? Exactly(LabelTexts labels, LabelKind kind, IReadOnlyList<string> values) =>
        values.Count == 0 ? null : Mask(labels.Of(kind), values.Contains);

    private static bool[] Mask(string?[] labels, Func<string, bool> matches)
    {
        var mask = new bool[labels.Length];
        for (var id = 0; id < labels.Length; id++)
        {
            mask[id] = labels[id] is { } text && matches(text);
        }

        return mask;
    }

    /// <summary>
    /// The gene list names the gene (upper-cased): <c>,upper(list),</c> holds <c>,gene,</c>. An intergenic allele's neighbours
    /// are not its genes, as in the summary.
    /// </summary>
    private static bool NamesInList(string list, string gene)
    {
        for (var start = 0; start + gene.Length <= list.Length; start++)
        {
            var end = start + gene.Length;
            if ((start == 0 || list[start - 1] == ',') && (end == list.Length || list[end] == ',') && Folded(list.AsSpan(start, gene.Length), gene, upper: true))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>SQLite's <c>instr(lower(label), q) &gt; 0</c>: ASCII letters folded, the rest exact.</summary>
    private static bool FoldedContains(string label, string q)
    {
        for (var start = 0; start + q.Length <= label.Length; start++)
        {
            if (Folded(label.AsSpan(start, q.Length), q, upper: false))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The label, its ASCII letters upper- (or lower-) cased as SQLite's <c>upper()</c> and <c>lower()</c> do, equals the value.</summary>
    private static bool Folded(ReadOnlySpan<char> label, ReadOnlySpan<char> value, bool upper)
    {
        if (label.Length != value.Length)
        {
            return false;
        }

        for (var i = 0; i < label.Length; i++)
        {
            var c = label[i];
            var folded = upper ? (char.IsAsciiLetterLower(c) ? (char)(c - 32) : c) : (char.IsAsciiLetterUpper(c) ? (char)(c + 32) : c);
            if (folded != value[i])
            {
                return false;
            }
        }

        return true;
    }
}
