namespace Gas.Annotator.Engine.Reference;

/// <summary>Collects table rows and applies ANNOVAR's transcript filters before indexing.</summary>
internal sealed class ReferenceBuilder
{
    private readonly Dictionary<string, List<Transcript>> _transcripts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<int>> _annovarBins = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<CytoBand>> _bands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<int, List<string>>> _gwas = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(int Pos, int Rs, int Key)>> _snps = new(StringComparer.Ordinal);
    private readonly List<ReferenceSource> _sources = [];

    public void AddGenes(IEnumerable<GenePredReader.Row> rows, string fileName)
    {
        // ANNOVAR (since July 2014) names a placement transcript#chr#txStart, so the length check below only ever compares
        // a placement with itself: a transcript mapped to several loci keeps every placement.
        var mrnaLength = new Dictionary<(string, string, int), int>();
        var cdsLength = new Dictionary<(string, string, int), int>();
        var codingGenes = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<(string, string, int)>();
        var kept = new List<GenePredReader.Row>();
        foreach (var row in rows)
        {
            var t = row.Transcript;
            var mrna = t.MrnaLength;
            var cds = t.CdsLength;
            var placement = (t.Name, row.Chromosome, t.TxStart);
            if (!t.IsNonCoding)
            {
                // the same placement listed twice with different lengths: ANNOVAR keeps the first
                if ((mrnaLength.TryGetValue(placement, out var m) && m != mrna) || (cdsLength.TryGetValue(placement, out var c) && c != cds))
                {
                    continue;
                }

                codingGenes.Add(t.Gene);
            }

            mrnaLength[placement] = mrna;
            cdsLength[placement] = cds;
            var bins = Bins(_annovarBins, row.Chromosome);
            for (var b = (t.TxStart - ChromosomeIndex.NearGene) / ChromosomeIndex.AnnovarBinSize;
                 b <= (t.TxEnd + ChromosomeIndex.NearGene) / ChromosomeIndex.AnnovarBinSize; b++)
            {
                bins.Add(b);
            }

            if (seen.Add((row.Chromosome, t.Name, t.TxStart)))
            {
                kept.Add(row);
            }
        }

        var count = 0;
        foreach (var row in kept)
        {
            // a non-coding transcript of a gene that also has coding ones is ignored, as ANNOVAR does
            if (row.Transcript.IsNonCoding && codingGenes.Contains(row.Transcript.Gene))
            {
                continue;
            }

            if (!_transcripts.TryGetValue(row.Chromosome, out var list))
            {
                _transcripts[row.Chromosome] = list = [];
            }

            list.Add(row.Transcript);
            count++;
        }

        _sources.Add(new ReferenceSource("genes", fileName, count));
    }

    public void AddBands(IEnumerable<(string Chromosome, CytoBand Band)> rows, string fileName)
    {
        var count = 0;
        foreach (var (chromosome, band) in rows)
        {
            if (!_bands.TryGetValue(chromosome, out var list))
            {
                _bands[chromosome] = list = [];
            }

            list.Add(band);
            count++;
        }

        _sources.Add(new ReferenceSource("cytoBand", fileName, count));
    }

    public void AddGwas(IEnumerable<(string Chromosome, int Position, string Trait)> rows, string fileName)
    {
        var count = 0;
        foreach (var (chromosome, position, trait) in rows)
        {
            if (!_gwas.TryGetValue(chromosome, out var byPosition))
            {
                _gwas[chromosome] = byPosition = [];
            }

            if (!byPosition.TryGetValue(position, out var traits))
            {
                byPosition[position] = traits = [];
            }

            if (trait.Length > 0 && !traits.Contains(trait, StringComparer.Ordinal))
            {
                traits.Add(trait);
            }

            count++;
        }

        _sources.Add(new ReferenceSource("GWAS catalog", fileName, count));
    }

    public void AddDbSnp(IEnumerable<(string Chromosome, int Position, int Rs, int AlleleKey)> rows, string fileName)
    {
        var count = 0;
        foreach (var (chromosome, position, rs, key) in rows)
        {
            if (!_snps.TryGetValue(chromosome, out var list))
            {
                _snps[chromosome] = list = [];
            }

            list.Add((position, rs, key));
            count++;
        }

        _sources.Add(new ReferenceSource("dbSNP", fileName, count));
    }

    public ReferenceData Build()
    {
        var names = _transcripts.Keys.Concat(_bands.Keys).Concat(_gwas.Keys).Concat(_snps.Keys).Distinct(StringComparer.Ordinal);
        var chromosomes = new Dictionary<string, ChromosomeIndex>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var transcripts = _transcripts.TryGetValue(name, out var t)
                ? t.Select((x, i) => (x, i)).OrderBy(p => p.x.TxStart).ThenBy(p => p.i).Select(p => p.x).ToArray()
                : [];
            var occupied = _annovarBins.TryGetValue(name, out var binSet) ? binSet : [];
            var annovarBins = new bool[occupied.Count == 0 ? 0 : occupied.Max() + 1];
            foreach (var b in occupied)
            {
                annovarBins[b] = true;
            }

            var bands = _bands.TryGetValue(name, out var b2) ? b2.OrderBy(x => x.Start).ToArray() : [];
            var gwas = _gwas.TryGetValue(name, out var g) ? g : new SortedDictionary<int, List<string>>();
            var snps = _snps.TryGetValue(name, out var s) ? s.OrderBy(x => x.Pos).ToArray() : [];
            chromosomes[name] = new ChromosomeIndex(
                name, transcripts, annovarBins, bands,
                gwas.Keys.ToArray(), gwas.Values.Select(v => string.Join(',', v.Select(t => t.Replace(",", "\\x2c", StringComparison.Ordinal)))).ToArray(),
                snps.Select(x => x.Pos).ToArray(), snps.Select(x => x.Rs).ToArray(), snps.Select(x => x.Key).ToArray());
        }

        var lengths = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, bands) in _bands)
        {
            lengths[name] = bands.Max(x => (long)x.End);
        }

        return new ReferenceData(chromosomes, _sources.ToArray(), lengths);
    }

    private static HashSet<int> Bins(Dictionary<string, HashSet<int>> all, string chromosome)
    {
        if (!all.TryGetValue(chromosome, out var set))
        {
            all[chromosome] = set = [];
        }

        return set;
    }
}
