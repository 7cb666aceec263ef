namespace Gas.Annotator.Engine;

/// <summary>
/// A variant in ANNOVAR's notation: 1-based inclusive span, '-' for an empty allele, '0' for an allele ANNOVAR cannot name.
/// Converted from VCF as convert2annovar.pl's <c>convertVCF4</c> does (table_annovar -vcfinput), trimming shared leading
/// and trailing bases (<c>adjustStartEndRefAlt</c>) and spanning POS..END for symbolic deletions and duplications.
/// </summary>
/// <param name="Skipped">ANNOVAR rejects the allele as invalid input (a symbolic ALT other than DEL, DUP, INV, INS): no gene annotation.</param>
public readonly record struct AnnovarVariant(int Start, int End, string Ref, string Obs, bool Skipped = false)
{
    private static readonly System.Buffers.SearchValues<char> _nucleotides = System.Buffers.SearchValues.Create("ACGTacgt");

    /// <summary>Whether ANNOVAR works out the protein change: not for an unnamed ('0') allele, nor (our choice) for ALT '.'.</summary>
    public bool ChangesSequence => !Skipped && Obs != "0" && !string.Equals(Ref, Obs, StringComparison.Ordinal);

    public static AnnovarVariant FromVcf(int pos, string reference, string alternate, int? svEnd = null)
    {
        if (alternate.StartsWith('<') && alternate.EndsWith('>'))
        {
            return Symbolic(pos, reference, alternate, svEnd);
        }

        if (alternate == ".")
        {
            return new AnnovarVariant(pos, pos + reference.Length - 1, reference, reference);
        }

        if (alternate.AsSpan().IndexOfAnyExcept(_nucleotides) >= 0)
        {
            // '*', breakends, IUPAC codes: convert2annovar writes the ALT as 0
            alternate = "0";
        }

        reference = reference.ToUpperInvariant();
        alternate = alternate.ToUpperInvariant();
        if (reference.Length == 1 && alternate.Length == 1)
        {
            return new AnnovarVariant(pos, pos, reference, alternate);
        }

        if (reference == alternate)
        {
            return new AnnovarVariant(pos, pos + reference.Length - 1, reference, alternate);
        }

        if (reference.Length > alternate.Length && reference.StartsWith(alternate, StringComparison.Ordinal))
        {
            return new AnnovarVariant(pos + alternate.Length, pos + reference.Length - 1, reference[alternate.Length..], "-");
        }

        if (alternate.Length > reference.Length && alternate.StartsWith(reference, StringComparison.Ordinal))
        {
            var at = pos + reference.Length - 1;
            return new AnnovarVariant(at, at, "-", alternate[reference.Length..]);
        }

        if (reference.Length == alternate.Length && alternate.StartsWith(reference.AsSpan(0, reference.Length - 1), StringComparison.Ordinal))
        {
            var at = pos + reference.Length - 1;
            return new AnnovarVariant(at, at, reference[^1..], alternate[^1..]);
        }

        return Trimmed(pos, pos + reference.Length - 1, reference, alternate);
    }

    /// <summary>adjustStartEndRefAlt: drop shared trailing bases, then shared leading ones.</summary>
    private static AnnovarVariant Trimmed(int start, int end, string reference, string alternate)
    {
        int head = 0, tail = 0;
        while (tail < reference.Length && tail < alternate.Length && reference[^(tail + 1)] == alternate[^(tail + 1)])
        {
            tail++;
        }

        if (tail == reference.Length)
        {
            // REF is a suffix of ALT: an insertion before the shared tail, placed after the base before it
            return new AnnovarVariant(start - 1, start - 1, "-", alternate[..^tail]);
        }

        if (tail == alternate.Length)
        {
            return new AnnovarVariant(start, end - tail, reference[..^tail], "-");
        }

        var refLeft = reference[..^tail];
        var altLeft = alternate[..^tail];
        while (head < refLeft.Length && head < altLeft.Length && refLeft[head] == altLeft[head])
        {
            head++;
        }

        if (head == refLeft.Length)
        {
            // start moves past the shared head, then back by one: an insertion sits after its anchor base
            return new AnnovarVariant(start + head - 1, start + head - 1, "-", altLeft[head..]);
        }

        if (head == altLeft.Length)
        {
            return new AnnovarVariant(start + head, end - tail, refLeft[head..], "-");
        }

        return new AnnovarVariant(start + head, end - tail, refLeft[head..], altLeft[head..]);
    }

    private static AnnovarVariant Symbolic(int pos, string reference, string alternate, int? svEnd)
    {
        var kind = alternate.ToUpperInvariant();
        if (kind is not ("<DEL>" or "<DUP>" or "<INV>" or "<INS>"))
        {
            return new AnnovarVariant(pos, pos, reference, alternate, Skipped: true);
        }

        if (svEnd is { } end && end >= pos)
        {
            return kind == "<DEL>" ? new AnnovarVariant(pos, end, "0", "-") : new AnnovarVariant(pos, end, "0", "0");
        }

        // without END, convert2annovar takes the REF bases as deleted, whatever the symbol
        return new AnnovarVariant(pos, pos + reference.Length - 1, reference.ToUpperInvariant(), "-");
    }
}

/// <summary>The gene-based result as table_annovar splits it into Func / Gene / GeneDetail / ExonicFunc / AAChange columns.</summary>
public readonly record struct GeneCall(string Func, string Gene, string Detail)
{
    /// <summary>ANNOVAR's exonic function (<c>nonsynonymous SNV</c>, …) or '.' when there is none.</summary>
    public string ExonicFunc { get; init; } = ".";

    /// <summary>Every transcript of the winning exonic function, <c>GENE:NM:exonN:c.…:p.…</c>, comma-joined; '.' when none.</summary>
    public string AAChange { get; init; } = ".";

    /// <summary>The call for an allele ANNOVAR rejects as input: every gene column '.'.</summary>
    public static GeneCall NotAnnotated { get; } = new(".", ".", ".");
}
