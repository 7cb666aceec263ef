using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Gas.Annotator.Engine.Reference;

/// <summary>Opens a reference table as text whether it is plain or gzip/BGZF.</summary>
public static class TableFile
{
    public static TextReader OpenText(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> magic = stackalloc byte[2];
        var read = file.Read(magic);
        file.Position = 0;
        Stream text = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(file, CompressionMode.Decompress) : file;
        return new StreamReader(text, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
    }
}

/// <summary>Reads UCSC genePred tables: refGene (16 columns, with bin), genePredExt (15), refFlat (11), knownGene (12) and plain genePred (10).</summary>
public static class GenePredReader
{
    public sealed record Row(string Chromosome, Transcript Transcript);

    public static IEnumerable<Row> Read(TextReader reader, string sourceName)
    {
        string? line;
        var lineNumber = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var row = Parse(line.TrimEnd('\r'), sourceName, lineNumber);
            if (row is not null)
            {
                yield return row;
            }
        }
    }

    public static Row? Parse(string line, string sourceName, int lineNumber)
    {
        var f = line.Split('\t');
        int first;
        int? name2Column;
        switch (f.Length)
        {
            case 16: first = 1; name2Column = 12; break;       // refGene, ensGene (bin, name, chrom, …, score, name2, …)
            case 15: first = 0; name2Column = 11; break;       // genePredExt without bin
            case 11: first = 1; name2Column = 0; break;        // refFlat (geneName first)
            case 12: first = 0; name2Column = null; break;     // knownGene
            case 10: first = 0; name2Column = null; break;     // genePred
            default:
                throw new InvalidDataException($"{sourceName} line {lineNumber}: {f.Length} columns is not a genePred, refGene or refFlat layout.");
        }

        var chrom = f[first + 1];
        if (ChromosomeNames.IsAlternativeHaplotype(chrom))
        {
            return null;
        }

        var strand = f[first + 2];
        if (strand is not ("+" or "-"))
        {
            throw new InvalidDataException($"{sourceName} line {lineNumber}: strand '{strand}' is neither + nor -.");
        }

        var starts = ParseList(f[first + 8], sourceName, lineNumber);
        var ends = ParseList(f[first + 9], sourceName, lineNumber);
        var count = Int(f[first + 7], sourceName, lineNumber);
        if (starts.Length != count || ends.Length != count || count == 0)
        {
            throw new InvalidDataException($"{sourceName} line {lineNumber}: exonCount {count} does not match the exon lists.");
        }

        for (var i = 0; i < starts.Length; i++)
        {
            starts[i]++;
        }

        var name = f[first];
        var gene = name2Column is { } c && f[c].Length > 0 ? f[c] : name;
        var transcript = new Transcript(
            name, string.Intern(gene), strand == "+",
            Int(f[first + 3], sourceName, lineNumber) + 1, Int(f[first + 4], sourceName, lineNumber),
            Int(f[first + 5], sourceName, lineNumber) + 1, Int(f[first + 6], sourceName, lineNumber),
            starts, ends);
        return new Row(ChromosomeNames.Normalize(chrom), transcript);
    }

    private static int[] ParseList(string text, string sourceName, int lineNumber)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var values = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            values[i] = Int(parts[i], sourceName, lineNumber);
        }

        return values;
    }

    internal static int Int(string text, string sourceName, int lineNumber) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{sourceName} line {lineNumber}: '{text}' is not a coordinate.");
}

/// <summary>Reads UCSC cytoBand (chrom, chromStart, chromEnd, name, gieStain), with or without a header line.</summary>
public static class CytoBandReader
{
    public static IEnumerable<(string Chromosome, CytoBand Band)> Read(TextReader reader, string sourceName)
    {
        string? line;
        var lineNumber = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var f = line.TrimEnd('\r').Split('\t');
            if (f.Length < 4)
            {
                throw new InvalidDataException($"{sourceName} line {lineNumber}: a cytoBand row needs chrom, chromStart, chromEnd and name.");
            }

            if (ChromosomeNames.IsAlternativeHaplotype(f[0]))
            {
                continue;
            }

            yield return (ChromosomeNames.Normalize(f[0]),
                new CytoBand(GenePredReader.Int(f[1], sourceName, lineNumber) + 1, GenePredReader.Int(f[2], sourceName, lineNumber), f[3]));
        }
    }
}

/// <summary>
/// Reads the GWAS catalog, either the NHGRI TSV (header with Chr_id, Chr_pos, Disease/Trait; 1-based)
/// or UCSC's gwasCatalog table (bin, chrom, chromStart, chromEnd, name, …, trait in column 11; 0-based).
/// </summary>
public static class GwasCatalogReader
{
    public static IEnumerable<(string Chromosome, int Position, string Trait)> Read(TextReader reader, string sourceName)
    {
        var first = reader.ReadLine();
        if (first is null)
        {
            yield break;
        }

        var header = first.TrimEnd('\r').Split('\t');
        var chrColumn = Array.IndexOf(header, "Chr_id");
        if (chrColumn >= 0)
        {
            var posColumn = Array.IndexOf(header, "Chr_pos");
            var traitColumn = Array.IndexOf(header, "Disease/Trait");
            if (posColumn < 0 || traitColumn < 0)
            {
                throw new InvalidDataException($"{sourceName}: the GWAS catalog header lacks Chr_pos or Disease/Trait.");
            }

            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                var f = line.TrimEnd('\r').Split('\t');
                if (f.Length <= Math.Max(posColumn, Math.Max(chrColumn, traitColumn)))
                {
                    continue;
                }

                if (!int.TryParse(f[posColumn], NumberStyles.None, CultureInfo.InvariantCulture, out var pos) || f[chrColumn].Length == 0)
                {
                    continue;   // associations without a mapped position (e.g. haplotypes, withdrawn SNPs)
                }

                yield return (NhgriChromosome(f[chrColumn]), pos, f[traitColumn].Trim());
            }

            yield break;
        }

        foreach (var row in UcscRows(first, reader))
        {
            yield return row;
        }
    }

    private static IEnumerable<(string, int, string)> UcscRows(string first, TextReader reader)
    {
        for (var line = first; line is not null; line = reader.ReadLine())
        {
            var f = line.TrimEnd('\r').Split('\t');
            if (f.Length < 11 || !int.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var end))
            {
                continue;
            }

            yield return (ChromosomeNames.Normalize(f[1]), end, f[10].Trim());
        }
    }

    private static string NhgriChromosome(string id) => id switch
    {
        "23" => "X",
        "24" => "Y",
        "25" => "MT",
        _ => ChromosomeNames.Normalize(id),
    };
}

/// <summary>Reads rsIDs from a dbSNP VCF (CHROM, POS, ID, REF, ALT); one entry per ALT allele.</summary>
public static class DbSnpReader
{
    public static IEnumerable<(string Chromosome, int Position, int Rs, int AlleleKey)> Read(TextReader reader, string sourceName)
    {
        string? line;
        var lineNumber = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var f = line.Split('\t', 6);
            if (f.Length < 5)
            {
                throw new InvalidDataException($"{sourceName} line {lineNumber}: a dbSNP VCF row needs CHROM, POS, ID, REF and ALT.");
            }

            if (!f[2].StartsWith("rs", StringComparison.OrdinalIgnoreCase)
                || !int.TryParse(f[2].AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var rs))
            {
                continue;
            }

            var pos = GenePredReader.Int(f[1], sourceName, lineNumber);
            var chrom = ChromosomeNames.Normalize(f[0]);
            foreach (var alt in f[4].Split(','))
            {
                yield return (chrom, pos, rs, AlleleKey(f[3], alt.TrimEnd('\r')));
            }
        }
    }

    /// <summary>A stable 32-bit key of REF and ALT (FNV-1a, case-insensitive), so the index holds no strings.</summary>
    public static int AlleleKey(ReadOnlySpan<char> reference, ReadOnlySpan<char> alternate)
    {
        var hash = 2166136261u;
        foreach (var c in reference)
        {
            hash = (hash ^ char.ToUpperInvariant(c)) * 16777619u;
        }

        hash = (hash ^ '>') * 16777619u;
        foreach (var c in alternate)
        {
            hash = (hash ^ char.ToUpperInvariant(c)) * 16777619u;
        }

        return unchecked((int)hash);
    }

    public static int AlleleKey(ReadOnlySpan<byte> reference, ReadOnlySpan<byte> alternate)
    {
        var hash = 2166136261u;
        foreach (var b in reference)
        {
            hash = (hash ^ (uint)char.ToUpperInvariant((char)b)) * 16777619u;
        }

        hash = (hash ^ '>') * 16777619u;
        foreach (var b in alternate)
        {
            hash = (hash ^ (uint)char.ToUpperInvariant((char)b)) * 16777619u;
        }

        return unchecked((int)hash);
    }
}
