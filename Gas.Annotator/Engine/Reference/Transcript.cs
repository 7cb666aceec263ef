namespace Gas.Annotator.Engine.Reference;

/// <summary>
/// One gene model from a UCSC genePred table, in ANNOVAR's 1-based inclusive coordinates
/// (genePred starts are 0-based, so every start is shifted by one and every end kept).
/// </summary>
public sealed class Transcript(
    string name, string gene, bool forward, int txStart, int txEnd, int cdsStart, int cdsEnd, int[] exonStarts, int[] exonEnds)
{
    public string Name { get; } = name;
    /// <summary>The gene symbol, interned: the annotator compares genes by reference.</summary>
    public string Gene { get; } = string.Intern(gene);
    public bool Forward { get; } = forward;
    public int TxStart { get; } = txStart;
    public int TxEnd { get; } = txEnd;
    public int CdsStart { get; } = cdsStart;
    public int CdsEnd { get; } = cdsEnd;
    public int[] ExonStarts { get; } = exonStarts;
    public int[] ExonEnds { get; } = exonEnds;

    internal const int OrfUnchecked = 0;
    internal const int OrfUsable = 1;
    internal const int OrfPrematureStop = 2;
    internal const int OrfNoSequence = 3;

    private int _orfState;

    /// <summary>Whether the genome gives this transcript a usable coding sequence; worked out once, on first use, by any thread.</summary>
    internal int OrfState
    {
        get => Volatile.Read(ref _orfState);
        set => Volatile.Write(ref _orfState, value);
    }

    /// <summary>genePred marks a non-coding RNA with cdsStart == cdsEnd (so here CdsStart == CdsEnd + 1).</summary>
    public bool IsNonCoding => CdsStart == CdsEnd + 1;

    public int MrnaLength
    {
        get
        {
            var length = 0;
            for (var i = 0; i < ExonStarts.Length; i++)
            {
                length += ExonEnds[i] - ExonStarts[i] + 1;
            }

            return length;
        }
    }

    public int CdsLength
    {
        get
        {
            if (IsNonCoding)
            {
                return 0;
            }

            var length = 0;
            for (var i = 0; i < ExonStarts.Length; i++)
            {
                var from = Math.Max(ExonStarts[i], CdsStart);
                var to = Math.Min(ExonEnds[i], CdsEnd);
                if (to >= from)
                {
                    length += to - from + 1;
                }
            }

            return length;
        }
    }
}

/// <summary>A cytogenetic band; 1-based inclusive like the transcripts.</summary>
public readonly record struct CytoBand(int Start, int End, string Name);
