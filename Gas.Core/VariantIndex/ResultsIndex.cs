using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using static Gas.Core.VariantIndex.ResultsIndexFormat;

namespace Gas.Core.VariantIndex;

/// <summary>What the index says about the run as a whole.</summary>
public sealed record ResultsIndexInfo(
    int SchemaVersion, string Build, string UcscName, bool BuildAssumed, string? BuildWarning, string? Sources,
    long Records, long Alleles, bool HasVariants)
{
    /// <summary>
    /// The job's recorded build (GRCh37/hg19 or GRCh38/hg38, either name), which the link-outs follow, over what the annotated
    /// VCF's header says; a job annotated before builds were recorded keeps the header's.
    /// </summary>
    public ResultsIndexInfo ForJobBuild(string? genomeBuild) => genomeBuild?.Trim().ToUpperInvariant() switch
    {
        "GRCH37" or "HG19" => this with { Build = "GRCh37", UcscName = "hg19", BuildAssumed = false },
        "GRCH38" or "HG38" => this with { Build = "GRCh38", UcscName = "hg38", BuildAssumed = false },
        _ => this,
    };
}

/// <summary>One page of the variant table and the summary of everything the filter matches.</summary>
public sealed record VariantPage(IReadOnlyList<AlleleRow> Rows, ResultsSummary Summary, int Page, int PageSize)
{
    public long Total => Summary.Alleles;
    public int PageCount => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// Reads one job's results index file (read-only). Safe to share between requests: each call opens its own connection
/// (pooled per file), and the labels are read once.
/// </summary>
public sealed class ResultsIndex
{
    private const string RowColumns = """
        v.record, c.text, v.pos, v.vcf_id, v.ref, v.alt, v.qual, fl.text, fn.text, g.text, v.gene_detail, ef.text, v.aa_change,
        cb.text, gw.text, bc.text
        """;

    private const string RowJoins = $"""
        JOIN facets fc ON fc.id = v.facet
        LEFT JOIN labels c ON c.kind = '{Kinds.Chrom}' AND c.id = fc.chrom
        LEFT JOIN labels fl ON fl.kind = '{Kinds.Filter}' AND fl.id = fc.filter
        LEFT JOIN labels fn ON fn.kind = '{Kinds.Func}' AND fn.id = fc.func
        LEFT JOIN labels g ON g.kind = '{Kinds.Genes}' AND g.id = fc.genes
        LEFT JOIN labels ef ON ef.kind = '{Kinds.ExonicFunc}' AND ef.id = fc.exonic_func
        LEFT JOIN labels cb ON cb.kind = '{Kinds.CytoBand}' AND cb.id = fc.cytoband
        LEFT JOIN labels gw ON gw.kind = '{Kinds.Gwas}' AND gw.id = fc.gwas
        LEFT JOIN labels bc ON bc.kind = '{Kinds.BuildCheck}' AND bc.id = fc.build_check
        """;

    private const string FacetColumns = "f.chrom, f.filter, f.func, f.genes, f.exonic_func, f.cytoband, f.gwas, f.build_check, f.known";

    private readonly string _connectionString;
    private readonly Lazy<Dictionary<(string, int), string>> _labels;
    private readonly Lazy<ResultsSummary> _summary;

    /// <summary>
    /// Filtered summaries already computed: the file never changes, and every page of one filter (and its download) needs the
    /// same summary, which for a broad filter over a million alleles is most of a page's time. Bounded: emptied when full.
    /// </summary>
    private readonly ConcurrentDictionary<string, ResultsSummary> _filtered = new(StringComparer.Ordinal);

    private const int MaxFilteredSummaries = 64;

    public ResultsIndex(string path)
    {
        _connectionString = ConnectionString(path);
        Info = ReadInfo(_connectionString);
        _labels = new Lazy<Dictionary<(string, int), string>>(ReadLabels);
        _summary = new Lazy<ResultsSummary>(() =>
            JsonSerializer.Deserialize<ResultsSummary>(Meta(MetaKeys.Summary) ?? "{}") ?? new ResultsSummary());
    }

    public ResultsIndexInfo Info { get; }

    /// <summary>The summary of the alleles the filter matches; the whole job's comes precomputed.</summary>
    public ResultsSummary Summary(VariantFilter filter)
    {
        if (filter.IsEmpty)
        {
            return _summary.Value;
        }

        var key = filter.Key;
        if (_filtered.TryGetValue(key, out var known))
        {
            return known;
        }

        var summary = SummarizeMatching(filter);
        if (_filtered.Count >= MaxFilteredSummaries)
        {
            _filtered.Clear();
        }

        return _filtered.GetOrAdd(key, summary);
    }

    private ResultsSummary SummarizeMatching(VariantFilter filter)
    {
        RequireVariants();
        var query = new VariantQuery(filter);
        var sql = query.IsCategorical
            ? $"SELECT {FacetColumns}, f.n FROM facets f WHERE {query.FacetWhere}"
            : $"SELECT {FacetColumns}, c.n FROM (SELECT v.facet AS id, count(*) AS n FROM variants v WHERE {query.RowWhere(useFacetIndex: true)} " +
              "GROUP BY v.facet) c JOIN facets f ON f.id = c.id";
        var facets = new List<KeyValuePair<Facet, long>>();
        using (var connection = Open())
        using (var command = query.Command(connection, sql))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                facets.Add(new(new Facet(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4),
                    reader.GetInt32(5), reader.GetInt32(6), reader.GetInt32(7), reader.GetInt32(8) == 1), reader.GetInt64(9)));
            }
        }

        var labels = _labels.Value;
        return FacetSummary.Summarize(facets, (kind, id) => labels.GetValueOrDefault((kind, id)), null);
    }

    /// <summary>One page (1-based) of the matching alleles in the given order, with their summary.</summary>
    public VariantPage Page(VariantFilter filter, VariantSort sort, int page, int pageSize)
    {
        var summary = Summary(filter);
        var pages = (int)Math.Max(1, (summary.Alleles + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        var rows = Rows(filter, sort, UseFacetIndex(filter, summary), $"LIMIT {pageSize} OFFSET {(long)(page - 1) * pageSize}").ToList();
        return new VariantPage(rows, summary, page, pageSize);
    }

    /// <summary>Every matching allele, streamed in order (for downloads).</summary>
    public IEnumerable<AlleleRow> Rows(VariantFilter filter, VariantSort sort) => Rows(filter, sort, UseFacetIndex(filter, Summary(filter)), "");

    /// <summary>The record numbers (0-based, file order) with at least one matching allele.</summary>
    public BitArray MatchingRecords(VariantFilter filter)
    {
        RequireVariants();
        var records = new BitArray((int)Math.Min(int.MaxValue, Info.Records));
        var query = new VariantQuery(filter);
        using var connection = Open();
        using var command = query.Command(connection, $"SELECT v.record FROM variants v WHERE {query.RowWhere(UseFacetIndex(filter, Summary(filter)))}");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            records[(int)reader.GetInt64(0)] = true;
        }

        return records;
    }

    internal static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = true,
    }.ToString();

    /// <summary>
    /// The facet index pays for a filter that matches few rows (a gene, a region); for one that matches many, walking the
    /// table in file order finds a page at once, where the index would hand over every match to be sorted first.
    /// </summary>
    private bool UseFacetIndex(VariantFilter filter, ResultsSummary summary) =>
        filter.Region is not null || summary.Alleles * 50 < Info.Alleles;

    private IEnumerable<AlleleRow> Rows(VariantFilter filter, VariantSort sort, bool useFacetIndex, string limit)
    {
        RequireVariants();
        var query = new VariantQuery(filter);
        var order = sort switch
        {
            VariantSort.PositionDescending => "v.id DESC",
            VariantSort.Qual => "v.qual IS NULL, v.qual DESC, v.id",
            _ => "v.id",
        };

        // Order and cut on the row ids alone (a category or region filter reads nothing but the (facet, pos) index), then
        // fetch the rows that are left and their labels.
        using var connection = Open();
        using var command = query.Command(connection,
            $"SELECT {RowColumns} FROM (SELECT v.id FROM variants v WHERE {query.RowWhere(useFacetIndex)} ORDER BY {order} {limit}) p " +
            $"JOIN variants v ON v.id = p.id {RowJoins} ORDER BY {order}");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new AlleleRow(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), Text(reader, 3), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetDouble(6), reader.IsDBNull(7) ? "." : reader.GetString(7),
                Text(reader, 8), Text(reader, 9), Text(reader, 10), Text(reader, 11), Text(reader, 12), Text(reader, 13), Text(reader, 14),
                Text(reader, 15));
        }
    }

    private static string? Text(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private void RequireVariants()
    {
        if (!Info.HasVariants)
        {
            throw new InvalidOperationException("This results index holds the summary only; its variants are archived with the results.");
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Reads an index file's facts without keeping a pooled connection to it (for a file that may be replaced).</summary>
    public static ResultsIndexInfo Probe(string path) => ReadInfo(new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = false,
    }.ToString());

    private static ResultsIndexInfo ReadInfo(string connectionString)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var connection = new SqliteConnection(connectionString))
        using (var command = connection.CreateCommand())
        {
            connection.Open();
            command.CommandText = "SELECT key, value FROM meta";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                meta[reader.GetString(0)] = reader.GetString(1);
            }
        }

        long Number(string key) => long.Parse(meta.GetValueOrDefault(key, "0"), NumberStyles.None, CultureInfo.InvariantCulture);
        return new ResultsIndexInfo(
            (int)Number(MetaKeys.Schema), meta.GetValueOrDefault(MetaKeys.Build, "GRCh37"), meta.GetValueOrDefault(MetaKeys.UcscName, "hg19"),
            meta.GetValueOrDefault(MetaKeys.BuildAssumed) == "1", meta.GetValueOrDefault(MetaKeys.BuildWarning), meta.GetValueOrDefault(MetaKeys.Sources),
            Number(MetaKeys.Records), Number(MetaKeys.Alleles), meta.GetValueOrDefault(MetaKeys.HasVariants) == "1");
    }

    private string? Meta(string key)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as string;
    }

    private Dictionary<(string, int), string> ReadLabels()
    {
        var labels = new Dictionary<(string, int), string>();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, id, text FROM labels";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            labels[(reader.GetString(0), reader.GetInt32(1))] = reader.GetString(2);
        }

        return labels;
    }
}
