namespace Gas.Annotator.Engine.Reference;

/// <summary>One table that went into the index, for the log and the job page.</summary>
public sealed record ReferenceSource(string Kind, string FileName, long Records)
{
    public override string ToString() => $"{Kind}: {FileName} ({Records:N0} records)";
}

/// <summary>What a reference holds in all, kept in the index cache so that loading it decodes no chromosome.</summary>
internal readonly record struct ReferenceCounts(int Transcripts, int Genes, bool CytoBands, bool Gwas, bool DbSnp);

/// <summary>Everything the engine joins against, indexed per chromosome (names without <c>chr</c>).</summary>
public sealed class ReferenceData
{
    private readonly IReadOnlyDictionary<string, ChromosomeIndex> _chromosomes;
    private readonly ReferenceCounts _counts;

    internal ReferenceData(
        Dictionary<string, ChromosomeIndex> chromosomes,
        IReadOnlyList<ReferenceSource> sources,
        IReadOnlyDictionary<string, long> contigLengths)
        : this(chromosomes, sources, contigLengths, new ReferenceCounts(
            chromosomes.Values.Sum(c => c.Transcripts.Length),
            chromosomes.Values.SelectMany(c => c.Transcripts).Select(t => t.Gene).Distinct(StringComparer.Ordinal).Count(),
            chromosomes.Values.Any(c => c.Bands.Length > 0),
            chromosomes.Values.Any(c => c.GwasPositions.Length > 0),
            chromosomes.Values.Any(c => c.SnpPositions.Length > 0)))
    {
    }

    /// <summary>A reference whose chromosomes may be built on first use (<see cref="LazyChromosomes"/>), with its counts known beforehand.</summary>
    internal ReferenceData(
        IReadOnlyDictionary<string, ChromosomeIndex> chromosomes,
        IReadOnlyList<ReferenceSource> sources,
        IReadOnlyDictionary<string, long> contigLengths,
        ReferenceCounts counts)
    {
        _chromosomes = chromosomes;
        _counts = counts;
        Sources = sources;
        ContigLengths = contigLengths;
        Build = GenomeBuild.FromContigLengths(contigLengths);
    }

    public IReadOnlyList<ReferenceSource> Sources { get; private set; }

    /// <summary>The genome sequence (UCSC .2bit) that ExonicFunc/AAChange are read from; null when the folder has none.</summary>
    public Sequence.TwoBitFile? Genome { get; private set; }

    /// <summary>Why there is no <see cref="Genome"/>, for the log and the job's notes; null when there is one.</summary>
    public string? GenomeMissingReason { get; private set; } = "the reference folder has no genome sequence (<build>.2bit)";

    internal void AttachGenome(Sequence.TwoBitFile? genome, string? missingReason)
    {
        Genome = genome;
        GenomeMissingReason = genome is null ? missingReason : null;
        if (genome is not null)
        {
            Sources = [.. Sources, new ReferenceSource("genome", Path.GetFileName(genome.Path), genome.Names.Count)];
        }
    }

    /// <summary>Chromosome lengths as the cytoBand table gives them (empty without one).</summary>
    public IReadOnlyDictionary<string, long> ContigLengths { get; }

    /// <summary>The assembly the tables belong to, recognised from the chromosome lengths; null when unknown.</summary>
    public GenomeBuild? Build { get; }

    public int TranscriptCount => _counts.Transcripts;
    public int GeneCount => _counts.Genes;
    public bool HasGenes => TranscriptCount > 0;
    public bool HasCytoBands => _counts.CytoBands;
    public bool HasGwas => _counts.Gwas;
    public bool HasDbSnp => _counts.DbSnp;

    internal IReadOnlyDictionary<string, ChromosomeIndex> Chromosomes => _chromosomes;

    public ChromosomeIndex? Find(string normalizedChromosome) =>
        _chromosomes.TryGetValue(normalizedChromosome, out var index) ? index : null;
}

/// <summary>The per-chromosome arrays: transcripts sorted by start with a binned overlap index, bands, GWAS hits and rsIDs.</summary>
public sealed class ChromosomeIndex
{
    /// <summary>Lookup bins of 16 kb; each holds the transcripts whose span ±1 kb touches it, in start order.</summary>
    internal const int BinShift = 14;

    /// <summary>ANNOVAR's own 100 kb bins, needed to reproduce where its nearest-gene search gives up (2 Mb).</summary>
    internal const int AnnovarBinSize = 100_000;

    internal const int NearGene = 1_000;

    internal ChromosomeIndex(
        string name,
        Transcript[] transcripts,
        bool[] annovarBins,
        CytoBand[] bands,
        int[] gwasPositions,
        string[] gwasTraits,
        int[] snpPositions,
        int[] snpRs,
        int[] snpKeys)
    {
        Name = name;
        Transcripts = transcripts;
        AnnovarBins = annovarBins;
        Bands = bands;
        GwasPositions = gwasPositions;
        GwasTraits = gwasTraits;
        SnpPositions = snpPositions;
        SnpRs = snpRs;
        SnpKeys = snpKeys;

        // plain loops rather than LINQ: these generic instantiations are not in the ReadyToRun image, and a process that
        // annotates a few variants would otherwise JIT-compile them for each chromosome it touches
        ByEnd = new int[transcripts.Length];
        StartsSorted = new int[transcripts.Length];
        EndsByIndex = new int[transcripts.Length];
        var maxEnd = int.MinValue;
        for (var i = 0; i < transcripts.Length; i++)
        {
            StartsSorted[i] = transcripts[i].TxStart;
            EndsByIndex[i] = transcripts[i].TxEnd;
            maxEnd = Math.Max(maxEnd, transcripts[i].TxEnd);
        }

        // by end, then by index: a stable order whatever the sort
        var keys = new long[transcripts.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = ((long)EndsByIndex[i] << 32) | (uint)i;
        }

        Array.Sort(keys);
        EndsSorted = new int[transcripts.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            ByEnd[i] = (int)(uint)keys[i];
            EndsSorted[i] = EndsByIndex[ByEnd[i]];
        }

        BandLabels = new byte[bands.Length][];
        for (var i = 0; i < bands.Length; i++)
        {
            BandLabels[i] = System.Text.Encoding.UTF8.GetBytes(name + bands[i].Name);
        }

        var maxBin = transcripts.Length == 0 ? 0 : (maxEnd + NearGene) >> BinShift;
        var counts = new int[maxBin + 2];
        foreach (var t in transcripts)
        {
            for (var b = Math.Max(1, t.TxStart - NearGene) >> BinShift; b <= (t.TxEnd + NearGene) >> BinShift; b++)
            {
                counts[b + 1]++;
            }
        }

        for (var b = 1; b < counts.Length; b++)
        {
            counts[b] += counts[b - 1];
        }

        BinOffsets = counts;
        BinItems = new int[counts[^1]];
        var fill = (int[])counts.Clone();
        for (var i = 0; i < transcripts.Length; i++)
        {
            var t = transcripts[i];
            for (var b = Math.Max(1, t.TxStart - NearGene) >> BinShift; b <= (t.TxEnd + NearGene) >> BinShift; b++)
            {
                BinItems[fill[b]++] = i;
            }
        }
    }

    public string Name { get; }
    public Transcript[] Transcripts { get; }
    internal int[] StartsSorted { get; }
    internal int[] EndsByIndex { get; }
    internal int[] ByEnd { get; }
    internal int[] EndsSorted { get; }
    internal int[] BinOffsets { get; }
    internal int[] BinItems { get; }
    internal bool[] AnnovarBins { get; }
    public CytoBand[] Bands { get; }
    internal int[] GwasPositions { get; }
    internal string[] GwasTraits { get; }
    internal int[] SnpPositions { get; }
    internal int[] SnpRs { get; }
    internal int[] SnpKeys { get; }

    internal int BinCount => BinOffsets.Length - 1;

    internal bool AnnovarBinOccupied(int bin) => bin >= 0 && bin < AnnovarBins.Length && AnnovarBins[bin];

    /// <summary>The band holding a 1-based position, or null.</summary>
    public CytoBand? BandAt(int position) => BandIndexAt(position) is var i and >= 0 ? Bands[i] : null;

    /// <summary>UTF-8 of "chromosome + band" (17q21.31), as the cytoBand key writes it.</summary>
    internal byte[][] BandLabels { get; }

    internal int BandIndexAt(int position)
    {
        int lo = 0, hi = Bands.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var band = Bands[mid];
            if (position < band.Start)
            {
                hi = mid - 1;
            }
            else if (position > band.End)
            {
                lo = mid + 1;
            }
            else
            {
                return mid;
            }
        }

        return -1;
    }

    /// <summary>GWAS traits recorded at exactly this position (already joined), or null.</summary>
    public string? GwasAt(int position)
    {
        var i = Array.BinarySearch(GwasPositions, position);
        return i >= 0 ? GwasTraits[i] : null;
    }

    /// <summary>rs number of a dbSNP entry with this position and allele key, or 0.</summary>
    public int RsAt(int position, int alleleKey)
    {
        var i = Array.BinarySearch(SnpPositions, position);
        if (i < 0)
        {
            return 0;
        }

        while (i > 0 && SnpPositions[i - 1] == position)
        {
            i--;
        }

        for (; i < SnpPositions.Length && SnpPositions[i] == position; i++)
        {
            if (SnpKeys[i] == alleleKey)
            {
                return SnpRs[i];
            }
        }

        return 0;
    }
}
