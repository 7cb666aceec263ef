using System.Globalization;
using System.Text;
using Gas.Core.VariantIndex;
using Microsoft.Extensions.Primitives;

namespace Gas.RazorPages.Jobs;

/// <summary>
/// The variant table's query string, both ways: <c>func</c> and <c>exonicfunc</c> (repeatable), <c>gene</c>, <c>chrom</c>,
/// <c>region</c> (<c>chr:start-end</c>), <c>gwas=1</c>, <c>known=1|0</c>, <c>q</c>, <c>sort</c>, <c>page</c>, <c>format</c>.
/// Every view is a link: the links the pages make are built here from the same parameters.
/// </summary>
public sealed record VariantTableQuery
{
    public const int MaxTextLength = 200;

    public VariantFilter Filter { get; init; } = new();
    public VariantSort Sort { get; init; }
    public int Page { get; init; } = 1;

    /// <summary><c>tsv</c>, <c>vcf</c>, or null for the page.</summary>
    public string? Format { get; init; }

    /// <summary>What was wrong with the query (shown on the page; a download is refused).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    public static VariantTableQuery Parse(IQueryCollection query)
    {
        var problems = new List<string>();
        string? One(string name)
        {
            var value = query[name].ToString().Trim();
            if (value.Length > MaxTextLength)
            {
                problems.Add($"'{name}' is longer than {MaxTextLength} characters and was left out.");
                return null;
            }

            return value.Length == 0 ? null : value;
        }

        IReadOnlyList<string> Many(StringValues values) =>
            [.. values.Where(v => !string.IsNullOrWhiteSpace(v) && v.Length <= MaxTextLength).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal).Take(20)];

        GenomicRegion? region = null;
        if (One("region") is { } regionText && !GenomicRegion.TryParse(regionText, out region))
        {
            problems.Add($"The region '{regionText}' is not of the form chr1:100000-200000, so it was left out.");
        }

        bool? known = One("known") switch
        {
            null => null,
            "1" or "true" => true,
            "0" or "false" => false,
            var other => Problem(problems, $"known={other} is not 1 or 0, so it was left out."),
        };
        var format = One("format")?.ToLowerInvariant();
        if (format is not (null or "tsv" or "vcf"))
        {
            problems.Add($"format={format} is not tsv or vcf.");
            format = null;
        }

        return new VariantTableQuery
        {
            Filter = new VariantFilter
            {
                Funcs = Many(query["func"]),
                ExonicFuncs = Many(query["exonicfunc"]),
                Gene = One("gene"),
                Chrom = One("chrom"),
                Region = region,
                GwasOnly = One("gwas") is "1" or "true",
                Known = known,
                Text = One("q"),
            },
            Sort = One("sort") switch
            {
                "-position" => VariantSort.PositionDescending,
                "qual" => VariantSort.Qual,
                _ => VariantSort.Position,
            },
            Page = int.TryParse(One("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0 ? page : 1,
            Format = format,
            Problems = problems,
        };
    }

    /// <summary>The query string of this view (leading '?', or empty).</summary>
    public string ToQueryString()
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        pairs.AddRange(Filter.Funcs.Select(f => KeyValuePair.Create("func", (string?)f)));
        pairs.AddRange(Filter.ExonicFuncs.Select(f => KeyValuePair.Create("exonicfunc", (string?)f)));
        Add(pairs, "gene", Filter.Gene);
        Add(pairs, "chrom", Filter.Chrom);
        Add(pairs, "region", Filter.Region?.ToString());
        Add(pairs, "gwas", Filter.GwasOnly ? "1" : null);
        Add(pairs, "known", Filter.Known switch { true => "1", false => "0", _ => null });
        Add(pairs, "q", Filter.Text);
        Add(pairs, "sort", Sort switch { VariantSort.PositionDescending => "-position", VariantSort.Qual => "qual", _ => null });
        Add(pairs, "page", Page > 1 ? Page.ToString(CultureInfo.InvariantCulture) : null);
        Add(pairs, "format", Format);
        return QueryString.Create(pairs).ToString();
    }

    /// <summary>This filter with one more condition, back on page 1, as a page (not a download).</summary>
    public VariantTableQuery With(Func<VariantFilter, VariantFilter> change) => this with { Filter = change(Filter), Page = 1, Format = null };

    public VariantTableQuery AtPage(int page) => this with { Page = page, Format = null };

    public VariantTableQuery As(string format) => this with { Format = format, Page = 1 };

    /// <summary>The download's file name: input stem, filter, format (<c>premium_2.exonic.BRCA2.vcf</c>), safe characters only.</summary>
    public static string FileName(string inputFileName, VariantFilter filter, string format)
    {
        var stem = inputFileName;
        foreach (var suffix in new[] { ".gz", ".vcf" })
        {
            if (stem.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                stem = stem[..^suffix.Length];
            }
        }

        var described = filter.Describe();
        var name = new StringBuilder();
        foreach (var c in $"{stem}.{(described.Length == 0 ? "all" : described)}")
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        var text = name.Length > 150 ? name.ToString(0, 150) : name.ToString();
        return text.Trim('.') + "." + format;
    }

    private static bool? Problem(List<string> problems, string problem)
    {
        problems.Add(problem);
        return null;
    }

    private static void Add(List<KeyValuePair<string, string?>> pairs, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            pairs.Add(KeyValuePair.Create(name, (string?)value));
        }
    }
}
