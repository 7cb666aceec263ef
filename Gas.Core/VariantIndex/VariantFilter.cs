using System.Globalization;

namespace Gas.Core.VariantIndex;

/// <summary>How the variant table is ordered.</summary>
public enum VariantSort
{
    /// <summary>As in the VCF (by position for a sorted file).</summary>
    Position,
    PositionDescending,

    /// <summary>Highest QUAL first.</summary>
    Qual,
}

/// <summary>A stretch of one chromosome, 1-based and inclusive, as <c>chr:start-end</c>.</summary>
public sealed record GenomicRegion(string Chrom, long Start, long End)
{
    public static bool TryParse(string? text, out GenomicRegion? region)
    {
        region = null;
        var colon = text?.LastIndexOf(':') ?? -1;
        if (text is null || colon <= 0)
        {
            return false;
        }

        var range = text[(colon + 1)..].Replace(",", "", StringComparison.Ordinal).Split('-');
        if (range.Length != 2
            || !long.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !long.TryParse(range[1], NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            || start < 1 || end < start)
        {
            return false;
        }

        region = new GenomicRegion(text[..colon].Trim(), start, end);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Chrom}:{Start}-{End}");
}

/// <summary>What the variant table and the downloads are narrowed to; every part is optional and the parts combine with AND.</summary>
public sealed record VariantFilter
{
    public IReadOnlyList<string> Funcs { get; init; } = [];
    public IReadOnlyList<string> ExonicFuncs { get; init; } = [];
    public string? Gene { get; init; }
    public string? Chrom { get; init; }
    public GenomicRegion? Region { get; init; }

    /// <summary>Only alleles at a GWAS catalog position.</summary>
    public bool GwasOnly { get; init; }

    /// <summary>true: rsID known; false: novel; null: both.</summary>
    public bool? Known { get; init; }

    /// <summary>
    /// Free text, case-insensitive: a plain word matches the categories (genes, cytobands, GWAS traits, classes, FILTER); a
    /// term with a digit or one of <c>. : &gt; _</c> (an rsID, HGVS, a transcript) is also looked for in ID, GeneDetail and
    /// AAChange, which means reading every row.
    /// </summary>
    public string? Text { get; init; }

    /// <summary>The free text is shaped like an ID or an HGVS fragment, so it is looked for in the rows' own text too.</summary>
    internal static bool SearchesRows(string text) => text.AsSpan().IndexOfAny(RowTextMarks) >= 0;

    private static readonly System.Buffers.SearchValues<char> RowTextMarks = System.Buffers.SearchValues.Create("0123456789.:>_");

    public bool IsEmpty => Funcs.Count == 0 && ExonicFuncs.Count == 0 && Gene is null && Chrom is null && Region is null
        && !GwasOnly && Known is null && Text is null;

    /// <summary>Tells filters apart exactly (the lists in their given order, which the pages keep stable): a memo's key.</summary>
    internal string Key => string.Join('\u001f',
        string.Join('\u001e', Funcs), string.Join('\u001e', ExonicFuncs), Gene, Chrom, Region?.ToString(), GwasOnly ? "g" : "",
        Known switch { true => "k", false => "n", _ => "" }, Text);

    /// <summary>A short name for downloads: <c>exonic.BRCA2</c>; empty for no filter.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        parts.AddRange(Funcs);
        parts.AddRange(ExonicFuncs);
        AddIf(parts, Gene);
        AddIf(parts, Chrom is null ? null : "chr" + ChromosomeOrder.Bare(Chrom));
        AddIf(parts, Region?.ToString());
        AddIf(parts, GwasOnly ? "gwas" : null);
        AddIf(parts, Known switch { true => "known", false => "novel", _ => null });
        AddIf(parts, Text is null ? null : "q-" + Text);
        return string.Join('.', parts);
    }

    private static void AddIf(List<string> parts, string? part)
    {
        if (!string.IsNullOrEmpty(part))
        {
            parts.Add(part);
        }
    }
}
