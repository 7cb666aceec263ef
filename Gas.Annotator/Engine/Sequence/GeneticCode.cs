namespace Gas.Annotator.Engine.Sequence;

/// <summary>The standard genetic code and the vertebrate mitochondrial one (ANNOVAR's <c>%codon1</c> and <c>%codon1m</c>).</summary>
internal static class GeneticCode
{
    // codons in TCAG order (first base slowest), as the tables are usually printed
    private const string Standard = "FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG";
    private const string Mitochondrial = "FFLLSSSSYY**CCWWLLLLPPPPHHQQRRRRIIMMTTTTNNKKSS**VVVVAAAADDEEGGGG";

    /// <summary>The amino acid of one codon, '*' for a stop, or '\0' when a base is not A, C, G or T (ANNOVAR then writes nothing).</summary>
    public static char Translate(ReadOnlySpan<byte> codon, bool mitochondrial)
    {
        var index = 0;
        foreach (var b in codon)
        {
            var n = b switch
            {
                (byte)'T' or (byte)'t' => 0,
                (byte)'C' or (byte)'c' => 1,
                (byte)'A' or (byte)'a' => 2,
                (byte)'G' or (byte)'g' => 3,
                _ => -1,
            };
            if (n < 0)
            {
                return '\0';
            }

            index = index * 4 + n;
        }

        return (mitochondrial ? Mitochondrial : Standard)[index];
    }

    /// <summary>translateDNA: every whole codon in turn; codons with other bases are left out.</summary>
    public static string TranslateAll(ReadOnlySpan<byte> dna, bool mitochondrial)
    {
        Span<char> protein = stackalloc char[dna.Length / 3];
        var length = 0;
        for (var i = 0; i + 3 <= dna.Length; i += 3)
        {
            var aa = Translate(dna.Slice(i, 3), mitochondrial);
            if (aa != '\0')
            {
                protein[length++] = aa;
            }
        }

        return new string(protein[..length]);
    }

    public static bool IsMitochondrial(string chromosome) => chromosome is "M" or "MT";
}
