namespace Gas.Annotator.Engine.Reference;

/// <summary>
/// UCSC names chromosomes <c>chr1</c>, Ensembl/NCBI and most VCFs <c>1</c>: both map to <c>1</c>.
/// UCSC hg19 <c>chrM</c> (the Yoruba mitochondrion) stays <c>M</c> and is deliberately not the rCRS <c>MT</c>.
/// </summary>
public static class ChromosomeNames
{
    public static string Normalize(string name) =>
        name.Length > 3 && name.StartsWith("chr", StringComparison.OrdinalIgnoreCase) ? name[3..] : name;

    public static string Normalize(ReadOnlySpan<char> name) =>
        name.Length > 3 && name.StartsWith("chr", StringComparison.OrdinalIgnoreCase) ? name[3..].ToString() : name.ToString();

    /// <summary>Alternative haplotypes (chr6_cox_hap2, …) are left out, as ANNOVAR does.</summary>
    public static bool IsAlternativeHaplotype(string name)
    {
        var i = name.LastIndexOf("hap", StringComparison.Ordinal);
        return i > 0 && i + 3 < name.Length && name.AsSpan(i + 3).IndexOfAnyExceptInRange('0', '9') < 0;
    }
}
