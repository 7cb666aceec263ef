using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gas.Annotator.Engine.Reference;

/// <summary>The tables found in a reference directory.</summary>
public sealed record ReferenceFiles(string? Genes, string? CytoBand, string? Gwas, string? DbSnp)
{
    /// <summary>The genome sequence, <c>&lt;build&gt;.2bit</c> (any <c>*.2bit</c>); not part of the index cache.</summary>
    public string? Genome { get; init; }

    public bool HasAny => Genes is not null || CytoBand is not null || Gwas is not null || DbSnp is not null;

    public IEnumerable<string> All => new[] { Genes, CytoBand, Gwas, DbSnp }.OfType<string>();

    /// <summary>Finds refGene/refFlat, cytoBand, GWAS catalog and dbSNP VCF files by name (plain or .gz).</summary>
    public static ReferenceFiles Discover(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return new ReferenceFiles(null, null, null, null);
        }

        var files = Directory.GetFiles(directory).Order(StringComparer.Ordinal).ToArray();
        string? Pick(Func<string, bool> match) => files.FirstOrDefault(f => match(Path.GetFileName(f).ToUpperInvariant()));
        static bool IsTable(string name) => name.EndsWith(".TXT", StringComparison.Ordinal) || name.EndsWith(".TXT.GZ", StringComparison.Ordinal)
            || name.EndsWith(".TSV", StringComparison.Ordinal) || name.EndsWith(".TSV.GZ", StringComparison.Ordinal);

        var genes = Pick(n => IsTable(n) && n.Contains("REFGENE", StringComparison.Ordinal))
            ?? Pick(n => IsTable(n) && n.Contains("REFFLAT", StringComparison.Ordinal));
        var cyto = Pick(n => IsTable(n) && n.Contains("CYTOBAND", StringComparison.Ordinal));
        var gwas = Pick(n => IsTable(n) && n.Contains("GWAS", StringComparison.Ordinal));
        var dbsnp = Pick(n => n.EndsWith(".VCF", StringComparison.Ordinal) || n.EndsWith(".VCF.GZ", StringComparison.Ordinal));
        var genome = Pick(n => n.EndsWith(".2BIT", StringComparison.Ordinal));
        return new ReferenceFiles(genes, cyto, gwas, dbsnp) { Genome = genome };
    }
}

/// <summary>
/// Loads a reference directory, through a binary cache file so that a daemon starts in milliseconds:
/// the cache sits next to the tables (or in a configured cache directory, or the temp folder when neither is writable)
/// and is rebuilt whenever a table's name, size or modification time changes.
/// </summary>
public static class ReferenceLoader
{
    public const string CacheFileName = "gas-reference.idx";
    private const int CacheVersion = 4;

    public static ReferenceData Load(string directory, string? cacheDirectory = null, TextWriter? log = null)
    {
        var data = LoadTables(directory, cacheDirectory, log);
        var files = ReferenceFiles.Discover(directory);
        if (files.Genome is { } genome)
        {
            try
            {
                data.AttachGenome(Sequence.TwoBitFile.Open(genome), null);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                data.AttachGenome(null, $"the genome sequence {Path.GetFileName(genome)} cannot be read ({e.Message})");
            }
        }

        return data;
    }

    private static ReferenceData LoadTables(string directory, string? cacheDirectory, TextWriter? log)
    {
        var files = ReferenceFiles.Discover(directory);
        if (!files.HasAny)
        {
            throw new FileNotFoundException($"No reference tables (refGene/refFlat, cytoBand, GWAS catalog, dbSNP VCF) in '{directory}'.");
        }

        var watch = Stopwatch.StartNew();
        var fingerprint = Fingerprint(files);
        foreach (var candidate in CachePaths(directory, cacheDirectory))
        {
            if (TryReadCache(candidate, fingerprint) is { } cached)
            {
                log?.WriteLine($"Reference: {directory} (index cache {candidate}, loaded in {watch.ElapsedMilliseconds} ms)");
                return cached;
            }
        }

        var data = BuildFromTables(files);
        var buildMs = watch.ElapsedMilliseconds;
        string? written = null;
        foreach (var candidate in CachePaths(directory, cacheDirectory))
        {
            if (TryWriteCache(candidate, fingerprint, data))
            {
                written = candidate;
                break;
            }
        }

        log?.WriteLine($"Reference: {directory} (tables parsed in {buildMs} ms; index cache {(written ?? "not writable")})");
        return data;
    }

    /// <summary>Parses the tables without touching any cache.</summary>
    public static ReferenceData BuildFromTables(ReferenceFiles files)
    {
        var builder = new ReferenceBuilder();
        if (files.Genes is { } genes)
        {
            using var reader = TableFile.OpenText(genes);
            builder.AddGenes(GenePredReader.Read(reader, Path.GetFileName(genes)), Path.GetFileName(genes));
        }

        if (files.CytoBand is { } cyto)
        {
            using var reader = TableFile.OpenText(cyto);
            builder.AddBands(CytoBandReader.Read(reader, Path.GetFileName(cyto)), Path.GetFileName(cyto));
        }

        if (files.Gwas is { } gwas)
        {
            using var reader = TableFile.OpenText(gwas);
            builder.AddGwas(GwasCatalogReader.Read(reader, Path.GetFileName(gwas)), Path.GetFileName(gwas));
        }

        if (files.DbSnp is { } dbsnp)
        {
            using var reader = TableFile.OpenText(dbsnp);
            builder.AddDbSnp(DbSnpReader.Read(reader, Path.GetFileName(dbsnp)), Path.GetFileName(dbsnp));
        }

        return builder.Build();
    }

    private static IEnumerable<string> CachePaths(string directory, string? cacheDirectory)
    {
        if (!string.IsNullOrWhiteSpace(cacheDirectory))
        {
            yield return Path.Combine(cacheDirectory, CacheFileName);
        }

        yield return Path.Combine(directory, CacheFileName);
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(directory))))[..16];
        yield return Path.Combine(Path.GetTempPath(), "gas-reference-cache", key + ".idx");
    }

    private static string Fingerprint(ReferenceFiles files)
    {
        var text = new StringBuilder().Append(CacheVersion);
        foreach (var path in new[] { files.Genes, files.CytoBand, files.Gwas, files.DbSnp })
        {
            text.Append('|');
            if (path is not null)
            {
                var info = new FileInfo(path);
                text.Append(info.Name).Append(':').Append(info.Length).Append(':')
                    .Append(info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    private static ReferenceData? TryReadCache(string path, string fingerprint)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            return reader.ReadString() == fingerprint ? ReferenceCacheFormat.Read(reader) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or EndOfStreamException)
        {
            return null;
        }
    }

    private static bool TryWriteCache(string path, string fingerprint, ReferenceData data)
    {
        var temp = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new BinaryWriter(stream, Encoding.UTF8))
            {
                writer.Write(fingerprint);
                ReferenceCacheFormat.Write(writer, data);
            }

            File.Move(temp, path, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // the directory is not writable; nothing was left behind
            }

            return false;
        }
    }
}

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
