using System.Text.RegularExpressions;

namespace Gas.Annotator.Engine.Reference;

/// <summary>The human assemblies GAS can recognise, with their chromosome lengths.</summary>
public sealed partial class GenomeBuild
{
    private GenomeBuild(string name, string ucscName, IReadOnlyDictionary<string, long> lengths)
    {
        Name = name;
        UcscName = ucscName;
        Lengths = lengths;
    }

    public string Name { get; }
    public string UcscName { get; }
    public IReadOnlyDictionary<string, long> Lengths { get; }

    public override string ToString() => $"{Name} ({UcscName})";

    public static GenomeBuild Ncbi36 { get; } = new("NCBI36", "hg18", Table(
        247249719, 242951149, 199501827, 191273063, 180857866, 170899992, 158821424, 146274826, 140273252, 135374737,
        134452384, 132349534, 114142980, 106368585, 100338915, 88827254, 78774742, 76117153, 63811651, 62435964,
        46944323, 49691432, 154913754, 57772954));

    public static GenomeBuild Grch37 { get; } = new("GRCh37", "hg19", Table(
        249250621, 243199373, 198022430, 191154276, 180915260, 171115067, 159138663, 146364022, 141213431, 135534747,
        135006516, 133851895, 115169878, 107349540, 102531392, 90354753, 81195210, 78077248, 59128983, 63025520,
        48129895, 51304566, 155270560, 59373566));

    public static GenomeBuild Grch38 { get; } = new("GRCh38", "hg38", Table(
        248956422, 242193529, 198295559, 190214555, 181538259, 170805979, 159345973, 145138636, 138394717, 133797422,
        135086622, 133275309, 114364328, 107043718, 101991189, 90338345, 83257441, 80373285, 58617616, 64444167,
        46709983, 50818468, 156040895, 57227415));

    public static IReadOnlyList<GenomeBuild> Known { get; } = [Ncbi36, Grch37, Grch38];

    /// <summary>The builds GAS annotates against (one reference folder each: <c>hg19/</c>, <c>hg38/</c>).</summary>
    public static IReadOnlyList<GenomeBuild> Annotated { get; } = [Grch37, Grch38];

    /// <summary>GRCh37/hg19 or GRCh38/hg38 by either name (any case); null for anything else, "detect" included.</summary>
    public static GenomeBuild? ParseAnnotated(string? name) =>
        Annotated.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(b.UcscName, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The build whose chromosome 1 (or, failing that, any autosome) has exactly this length.</summary>
    public static GenomeBuild? FromContigLengths(IReadOnlyDictionary<string, long> lengths)
    {
        if (lengths.TryGetValue("1", out var first) && WithLength("1", first) is { } byFirst)
        {
            return byFirst;
        }

        foreach (var (contig, length) in lengths)
        {
            if (contig != "1" && WithLength(contig, length) is { } build)
            {
                return build;
            }
        }

        return null;
    }

    private static GenomeBuild? WithLength(string contig, long length)
    {
        foreach (var build in Known)
        {
            if (build.Lengths.TryGetValue(contig, out var known) && known == length)
            {
                return build;
            }
        }

        return null;
    }

    /// <summary>Reads a build from free text such as <c>##reference=human_b36_both.fasta</c> or a GATK command line.</summary>
    public static GenomeBuild? FromText(string text) => FromText(text, out _);

    /// <summary>As <see cref="FromText(string)"/>, also giving the word that named the build (a file name, an option).</summary>
    public static GenomeBuild? FromText(string text, out string? evidence)
    {
        foreach (var (pattern, build) in new[] { (Hg18Pattern(), Ncbi36), (Hg38Pattern(), Grch38), (Hg19Pattern(), Grch37) })
        {
            var match = pattern.Match(text);
            if (match.Success)
            {
                var from = text.LastIndexOfAny([' ', ',', '"', '[', '<', '\t'], match.Index) + 1;
                var to = text.IndexOfAny([' ', ',', '"', ']', '>', '\t'], match.Index + match.Length);
                evidence = text[from..(to < 0 ? text.Length : to)];
                return build;
            }
        }

        evidence = null;
        return null;
    }

    private static Dictionary<string, long> Table(params long[] lengths)
    {
        var table = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < 22; i++)
        {
            table[(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)] = lengths[i];
        }

        table["X"] = lengths[22];
        table["Y"] = lengths[23];
        return table;
    }

    [GeneratedRegex(@"(?i)(ncbi[-_ ]?36|(?<![a-z0-9])b36(?![0-9])|hg18)")]
    private static partial Regex Hg18Pattern();

    [GeneratedRegex(@"(?i)(grch37|(?<![a-z0-9])b37(?![0-9])|hg19|hs37d5|g1k_v37|ncbi[-_ ]?37)")]
    private static partial Regex Hg19Pattern();

    [GeneratedRegex(@"(?i)(grch38|(?<![a-z0-9])b38(?![0-9])|hg38|hs38)")]
    private static partial Regex Hg38Pattern();
}
