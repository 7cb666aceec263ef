namespace Gas.Core.VariantIndex;

/// <summary>
/// A batch's facet (its local label codes and the known flag) packed into one number, so that finding its id is one 64-bit
/// hash and compare instead of nine. A batch's codes are small (a few distinct values of each kind); when one outgrows its
/// field the facet is not packed (<see cref="None"/>) and is looked up whole.
/// </summary>
internal static class FacetKey
{
    public const ulong None = ulong.MaxValue;

    // bits per field, from the lowest: known, chrom, filter, cytoband, GWAS, build check | func, exonic func, genes
    private const int ChromBits = 8, FilterBits = 6, BandBits = 11, GwasBits = 11, BuildBits = 4;
    private const int FuncBits = 6, ExonicBits = 6, GenesBits = 64 - 1 - ChromBits - FilterBits - BandBits - GwasBits - BuildBits - FuncBits - ExonicBits;
    private const int AlleleShift = 1 + ChromBits + FilterBits + BandBits + GwasBits + BuildBits;

    /// <summary>The record's part of its alleles' keys (labels indexed by <see cref="LabelKind"/>), or <see cref="None"/>.</summary>
    public static ulong PackRecord(ReadOnlySpan<int> labels, bool known)
    {
        var key = known ? 1UL : 0UL;
        var shift = 1;
        return Put(ref key, ref shift, labels[(int)LabelKind.Chrom], ChromBits)
            && Put(ref key, ref shift, labels[(int)LabelKind.Filter], FilterBits)
            && Put(ref key, ref shift, labels[(int)LabelKind.CytoBand], BandBits)
            && Put(ref key, ref shift, labels[(int)LabelKind.Gwas], GwasBits)
            && Put(ref key, ref shift, labels[(int)LabelKind.BuildCheck], BuildBits)
            ? key
            : None;
    }

    /// <summary>An allele's key from its record's, or <see cref="None"/>.</summary>
    public static ulong PackAllele(ulong record, int func, int genes, int exonicFunc)
    {
        if (record == None)
        {
            return None;
        }

        var key = record;
        var shift = AlleleShift;
        return Put(ref key, ref shift, func, FuncBits) && Put(ref key, ref shift, exonicFunc, ExonicBits) && Put(ref key, ref shift, genes, GenesBits)
            ? key
            : None;
    }

    private static bool Put(ref ulong key, ref int shift, int code, int bits)
    {
        if ((uint)code >= 1u << bits)
        {
            return false;
        }

        key |= (ulong)(uint)code << shift;
        shift += bits;
        return true;
    }
}
