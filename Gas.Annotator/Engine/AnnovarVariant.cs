namespace Gas.Annotator.Engine;

/// <summary>
/// A variant in ANNOVAR's notation: 1-based inclusive span, '-' for an empty allele.
/// Converted from VCF as convert2annovar does, so indels use the span of the bases they change.
/// </summary>
public readonly record struct AnnovarVariant(int Start, int End, string Ref, string Obs)
{
    public static AnnovarVariant FromVcf(int pos, string reference, string alternate)
    {
        // no sequence to compare: none, a deletion from another allele, symbolic, a breakend (mate or single: A., .A)
        if (alternate is "." or "*" || alternate.StartsWith('<') || alternate.StartsWith('.') || alternate.EndsWith('.')
            || alternate.Contains('[', StringComparison.Ordinal) || alternate.Contains(']', StringComparison.Ordinal))
        {
            return new AnnovarVariant(pos, pos + reference.Length - 1, reference, reference);
        }

        if (reference.Length == 1 && alternate.Length == 1)
        {
            return new AnnovarVariant(pos, pos, reference, alternate);
        }

        if (reference.Length > alternate.Length)
        {
            if (reference.AsSpan(0, alternate.Length).Equals(alternate, StringComparison.OrdinalIgnoreCase))
            {
                var deleted = reference[alternate.Length..];
                var start = pos + alternate.Length;
                return new AnnovarVariant(start, start + deleted.Length - 1, deleted, "-");
            }

            return new AnnovarVariant(pos, pos + reference.Length - 1, reference, alternate);
        }

        if (alternate.Length > reference.Length)
        {
            if (alternate.AsSpan(0, reference.Length).Equals(reference, StringComparison.OrdinalIgnoreCase))
            {
                var start = pos + reference.Length - 1;
                return new AnnovarVariant(start, start, "-", alternate[reference.Length..]);
            }

            return new AnnovarVariant(pos, pos + reference.Length - 1, reference, alternate);
        }

        return new AnnovarVariant(pos, pos + reference.Length - 1, reference, alternate);
    }
}

/// <summary>The gene-based result as table_annovar splits it into Func / Gene / GeneDetail columns.</summary>
public readonly record struct GeneCall(string Func, string Gene, string Detail);
