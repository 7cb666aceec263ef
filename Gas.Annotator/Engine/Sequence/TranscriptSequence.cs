using Gas.Annotator.Engine.Reference;

namespace Gas.Annotator.Engine.Sequence;

/// <summary>
/// A transcript's mRNA read straight from the genome, as ANNOVAR's <c>retrieve_seq_from_fasta.pl</c> builds its
/// <c>refGeneMrna.fa</c>: the exons joined on the transcript's strand (reverse-complemented for '−'). Positions are 1-based
/// in the mRNA. Nothing is cached but the transcript's ORF verdict, so memory does not grow with the input.
/// </summary>
internal static class TranscriptSequence
{
    /// <summary>Whether ANNOVAR would have a usable mRNA for this transcript: the genome has it, and its CDS has no premature stop.</summary>
    public static bool HasUsableOrf(TwoBitFile genome, string chromosome, Transcript t)
    {
        var state = t.OrfState;
        if (state == Transcript.OrfUnchecked)
        {
            state = CheckOrf(genome, chromosome, t);
            t.OrfState = state;
        }

        return state == Transcript.OrfUsable;
    }

    /// <summary>Fills <paramref name="bases"/> with mRNA positions <paramref name="from"/>…; positions outside the mRNA are left as 0.</summary>
    public static void Read(TwoBitFile genome, string chromosome, Transcript t, int from, Span<byte> bases)
    {
        bases.Clear();
        Span<int> genomic = stackalloc int[bases.Length];
        int low = int.MaxValue, high = int.MinValue;
        for (var i = 0; i < bases.Length; i++)
        {
            genomic[i] = GenomePosition(t, from + i);
            if (genomic[i] > 0)
            {
                low = Math.Min(low, genomic[i]);
                high = Math.Max(high, genomic[i]);
            }
        }

        if (high < low)
        {
            return;
        }

        if (high - low < 256)
        {
            Span<byte> window = stackalloc byte[high - low + 1];
            var read = genome.Read(chromosome, low, window);
            for (var i = 0; i < bases.Length; i++)
            {
                if (genomic[i] > 0 && genomic[i] - low < read)
                {
                    bases[i] = Strand(t, window[genomic[i] - low]);
                }
            }

            return;
        }

        Span<byte> one = stackalloc byte[1];
        for (var i = 0; i < bases.Length; i++)
        {
            if (genomic[i] > 0 && genome.Read(chromosome, genomic[i], one) == 1)
            {
                bases[i] = Strand(t, one[0]);
            }
        }
    }

    /// <summary>The mRNA length (sum of exon lengths).</summary>
    public static int Length(Transcript t) => t.MrnaLength;

    private static byte Strand(Transcript t, byte b) => t.Forward ? b : Complement(b);

    internal static byte Complement(byte b) => b switch
    {
        (byte)'A' => (byte)'T',
        (byte)'C' => (byte)'G',
        (byte)'G' => (byte)'C',
        (byte)'T' => (byte)'A',
        _ => b,
    };

    /// <summary>The genome position (1-based) of mRNA position <paramref name="p"/>, or 0 outside the mRNA.</summary>
    private static int GenomePosition(Transcript t, int p)
    {
        if (p < 1)
        {
            return 0;
        }

        var es = t.ExonStarts;
        var ee = t.ExonEnds;
        var seen = 0;
        if (t.Forward)
        {
            for (var k = 0; k < es.Length; k++)
            {
                var length = ee[k] - es[k] + 1;
                if (p <= seen + length)
                {
                    return es[k] + (p - seen - 1);
                }

                seen += length;
            }
        }
        else
        {
            for (var k = es.Length - 1; k >= 0; k--)
            {
                var length = ee[k] - es[k] + 1;
                if (p <= seen + length)
                {
                    return ee[k] - (p - seen - 1);
                }

                seen += length;
            }
        }

        return 0;
    }

    // retrieve_seq_from_fasta.pl: no sequence when an exon starts past the chromosome's end; "does not have correct ORF
    // annotation" when the CDS (from the exon holding cdsStart to the one holding cdsEnd) translates with a stop before its end.
    private static int CheckOrf(TwoBitFile genome, string chromosome, Transcript t)
    {
        var length = genome.Length(chromosome);
        if (length < 0 || t.ExonStarts.Any(s => s > length))
        {
            return Transcript.OrfNoSequence;
        }

        var es = t.ExonStarts;
        var ee = t.ExonEnds;
        var startInExon = false;
        var endInExon = false;
        for (var k = 0; k < es.Length; k++)
        {
            startInExon |= t.CdsStart >= es[k] && t.CdsStart <= ee[k];
            endInExon |= t.CdsEnd >= es[k] && t.CdsEnd <= ee[k];
        }

        if (!startInExon || !endInExon)
        {
            return Transcript.OrfUsable;
        }

        var cds = new byte[t.CdsLength];
        var at = 0;
        for (var k = 0; k < es.Length; k++)
        {
            var from = Math.Max(es[k], t.CdsStart);
            var to = Math.Min(ee[k], t.CdsEnd);
            if (to >= from)
            {
                at += genome.Read(chromosome, from, cds.AsSpan(at, to - from + 1));
            }
        }

        var coding = cds.AsSpan(0, at);
        if (!t.Forward)
        {
            coding.Reverse();
            for (var i = 0; i < coding.Length; i++)
            {
                coding[i] = Complement(coding[i]);
            }
        }

        var stopBefore = false;
        for (var i = 0; i + 3 <= coding.Length; i += 3)
        {
            var isStop = GeneticCode.Translate(coding.Slice(i, 3), mitochondrial: false) == '*';
            if (stopBefore && !isStop)
            {
                return Transcript.OrfPrematureStop;     // a stop followed by a codon that is not a stop: "\*\w"
            }

            stopBefore = isStop;
        }

        return Transcript.OrfUsable;
    }
}
