using Gas.Annotator.Engine.Reference;
using Gas.Annotator.Engine.Sequence;

namespace Gas.Annotator.Cli;

/// <summary>
/// The benchmark's genome: no real hg19.2bit ships with GAS, so one is made up from the gene table — random bases over every
/// exon (±10 bp), each coding sequence rewritten codon by codon without stop codons so ExonicFunc runs on every exonic
/// variant, and N blocks everywhere else (holes in the file, so it stays small on disk).
/// </summary>
internal static partial class EngineBenchmark
{
    private const int ExonMargin = 10;

    private static void WriteSyntheticGenome(ReferenceData reference, string path)
    {
        var random = new Random(20260102);
        var records = new List<TwoBitRecord>();
        foreach (var chromosome in reference.Chromosomes.Values.Where(c => c.Transcripts.Length > 0).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            var transcripts = chromosome.Transcripts;
            var length = reference.ContigLengths.TryGetValue(chromosome.Name, out var l) ? l : transcripts.Max(t => t.TxEnd) + 10_000L;
            var filled = FilledRegions(transcripts, length);
            var seed = random.Next();
            records.Add(new TwoBitRecord("chr" + chromosome.Name, length, Gaps(filled, length), [], () => Pack(transcripts, filled, length, seed)));
        }

        TwoBitWriter.Write(path, records);
    }

    // exons ±10 bp, merged, 0-based end-exclusive
    private static List<(long Start, long End)> FilledRegions(Transcript[] transcripts, long length)
    {
        var regions = transcripts
            .SelectMany(t => t.ExonStarts.Select((s, k) => (Start: Math.Max(0L, s - 1L - ExonMargin), End: Math.Min(length, (long)t.ExonEnds[k] + ExonMargin))))
            .OrderBy(r => r.Start)
            .ToList();
        var merged = new List<(long Start, long End)>();
        foreach (var r in regions)
        {
            if (merged.Count > 0 && r.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, r.End));
            }
            else if (r.End > r.Start)
            {
                merged.Add(r);
            }
        }

        return merged;
    }

    private static List<(long Start, long End)> Gaps(List<(long Start, long End)> filled, long length)
    {
        var gaps = new List<(long, long)>();
        long at = 0;
        foreach (var (start, end) in filled)
        {
            if (start > at)
            {
                gaps.Add((at, start));
            }

            at = end;
        }

        if (at < length)
        {
            gaps.Add((at, length));
        }

        return gaps;
    }

    private static byte[] Pack(Transcript[] transcripts, List<(long Start, long End)> filled, long length, int seed)
    {
        var random = new Random(seed);
        var packed = new byte[(length + 3) / 4];
        void Set(long position, int code)
        {
            var shift = 6 - (int)(position % 4) * 2;
            packed[position / 4] = (byte)((packed[position / 4] & ~(3 << shift)) | (code << shift));
        }

        foreach (var (start, end) in filled)
        {
            for (var p = start; p < end; p++)
            {
                Set(p, random.Next(4));
            }
        }

        // each CDS in its own frame: codons drawn until they are not stops (TAA, TAG, TGA), on the transcript's strand
        Span<int> codon = stackalloc int[3];
        foreach (var t in transcripts.Where(t => !t.IsNonCoding))
        {
            var positions = CodingPositions(t);
            for (var i = 0; i + 3 <= positions.Count - 3; i += 3)
            {
                do
                {
                    codon[0] = random.Next(4);
                    codon[1] = random.Next(4);
                    codon[2] = random.Next(4);
                }
                while (IsStop(codon, t.Forward));

                for (var j = 0; j < 3; j++)
                {
                    Set(positions[i + j] - 1, codon[j]);
                }
            }
        }

        return packed;
    }

    // 1-based genome positions of the CDS in transcript order (5' to 3' on its strand)
    private static List<int> CodingPositions(Transcript t)
    {
        var positions = new List<int>(t.CdsLength);
        for (var k = 0; k < t.ExonStarts.Length; k++)
        {
            for (var p = Math.Max(t.ExonStarts[k], t.CdsStart); p <= Math.Min(t.ExonEnds[k], t.CdsEnd); p++)
            {
                positions.Add(p);
            }
        }

        if (!t.Forward)
        {
            positions.Reverse();
        }

        return positions;
    }

    // codes are genome-strand (T=0 C=1 A=2 G=3); on '−' the transcript reads their complements (T<->A: 0<->2, C<->G: 1<->3)
    private static bool IsStop(ReadOnlySpan<int> codon, bool forward)
    {
        Span<int> c = [codon[0], codon[1], codon[2]];
        if (!forward)
        {
            for (var i = 0; i < 3; i++)
            {
                c[i] = c[i] ^ 2;
            }
        }

        return c[0] == 0 && ((c[1] == 2 && (c[2] == 2 || c[2] == 3)) || (c[1] == 3 && c[2] == 2));
    }
}
