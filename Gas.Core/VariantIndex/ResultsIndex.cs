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
/// (pooled per file); the labels, facets and block list are read once. A filter on categories is summarised from the facet
/// counts alone; a page scans the blocks' facet columns (and positions or text when the filter needs them) to count each
/// block's matches, memoised per filter, then reads only the blocks its rows are in.
/// </summary>
public sealed partial class ResultsIndex
{
    private const int MaxFilteredSummaries = 64;

    private readonly string _connectionString;
    private readonly Lazy<LabelTexts> _labels;
    private readonly Lazy<Facet[]> _facets;
    private long[] _facetCounts = [];
    private readonly Lazy<BlockInfo[]> _blocks;
    private readonly Lazy<ResultsSummary> _summary;
    private readonly Lazy<FacetTally> _tally;

    /// <summary>
    /// Filters already seen: the file never changes, and every page of one filter (and its download) needs the same summary
    /// and the same per-block match counts. Bounded: emptied when full.
    /// </summary>
    private readonly ConcurrentDictionary<string, Selection> _filtered = new(StringComparer.Ordinal);

    public ResultsIndex(string path)
    {
        _connectionString = ConnectionString(path);
        Info = ReadInfo(_connectionString);
        _labels = new Lazy<LabelTexts>(ReadLabels);
        _facets = new Lazy<Facet[]>(ReadFacets);
        _blocks = new Lazy<BlockInfo[]>(ReadBlocks);
        _tally = new Lazy<FacetTally>(() => new FacetTally(_facets.Value, _labels.Value));
        _summary = new Lazy<ResultsSummary>(() =>
            JsonSerializer.Deserialize<ResultsSummary>(Meta(MetaKeys.Summary) ?? "{}") ?? new ResultsSummary());
    }

    public ResultsIndexInfo Info { get; }

    /// <summary>The summary of the alleles the filter matches; the whole job's comes precomputed.</summary>
    public ResultsSummary Summary(VariantFilter filter) => filter.IsEmpty ? _summary.Value : Select(filter).Summary;

    /// <summary>The facets the category conditions select, once per filter, in memory (a million-allele job can have 100,000 facets).</summary>
    private RowMatcher NewMatcher(VariantQuery query)
    {
        RequireVariants();
        return query.Matcher(_facets.Value, _labels.Value);
    }

    /// <summary>One page (1-based) of the matching alleles in the given order, with their summary.</summary>
    public VariantPage Page(VariantFilter filter, VariantSort sort, int page, int pageSize)
    {
        var summary = Summary(filter);
        var pages = (int)Math.Max(1, (summary.Alleles + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        var skip = (long)(page - 1) * pageSize;
        var rows = sort == VariantSort.Qual
            ? Fetch(QualPage(filter, skip, pageSize)).ToList()
            : PageInFileOrder(filter, sort == VariantSort.PositionDescending, skip, pageSize);
        return new VariantPage(rows, summary, page, pageSize);
    }

    /// <summary>Every matching allele, streamed in order (for downloads).</summary>
    public IEnumerable<AlleleRow> Rows(VariantFilter filter, VariantSort sort) => sort == VariantSort.Qual
        ? Fetch(QualOrder(filter))
        : InFileOrder(filter, sort == VariantSort.PositionDescending);

    /// <summary>The record numbers (0-based, file order) with at least one matching allele.</summary>
    public BitArray MatchingRecords(VariantFilter filter)
    {
        var records = new BitArray((int)Math.Min(int.MaxValue, Info.Records));
        Scan(Select(filter).Matcher, (reader, block, rows) =>
        {
            var numbers = reader.Records(block);
            foreach (var row in rows)
            {
                records[(int)(block.FirstRecord + numbers[row])] = true;
            }
        });
        return records;
    }

    internal static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = true,
    }.ToString();

    /// <summary>Reads an index file's facts without keeping a pooled connection to it (for a file that may be replaced).</summary>
    public static ResultsIndexInfo Probe(string path) => ReadInfo(new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadOnly,
        Pooling = false,
    }.ToString());

    /// <summary>A filter's matcher and summary and, once a page asked for them, its matches per block.</summary>
    private sealed class Selection(RowMatcher matcher, ResultsSummary summary, int[]? blockCounts)
    {
        public RowMatcher Matcher { get; } = matcher;
        public ResultsSummary Summary { get; } = summary;
        public int[]? BlockCounts { get; set; } = blockCounts;
    }

    private Selection Select(VariantFilter filter)
    {
        var key = filter.Key;
        if (_filtered.TryGetValue(key, out var known))
        {
            return known;
        }

        var query = new VariantQuery(filter);
        var matcher = NewMatcher(query);
        Selection selection;
        if (filter.IsEmpty)
        {
            selection = new Selection(matcher, _summary.Value, [.. _blocks.Value.Select(b => b.Rows)]);
        }
        else if (query.IsCategorical)
        {
            selection = new Selection(matcher, _tally.Value.Summarize(_facetCounts, matcher), null);
        }
        else
        {
            // the alleles themselves decide: one scan counts both the summary's facets and each block's matches
            var counts = new long[_facets.Value.Length];
            var perBlock = new int[_blocks.Value.Length];
            Scan(matcher, (reader, block, rows) =>
            {
                var facets = reader.Facets(block);
                foreach (var row in rows)
                {
                    counts[facets[row]]++;
                }

                perBlock[block.Id] = rows.Length;
            });
            selection = new Selection(matcher, _tally.Value.Summarize(counts, null), perBlock);
        }

        if (_filtered.Count >= MaxFilteredSummaries)
        {
            _filtered.Clear();
        }

        return _filtered.GetOrAdd(key, selection);
    }

    private void RequireVariants()
    {
        if (!Info.HasVariants)
        {
            throw new InvalidOperationException("This results index holds the summary only; its variants are archived with the results.");
        }

        if (Info.SchemaVersion != SchemaVersion)
        {
            throw new InvalidOperationException($"This results index is of schema {Info.SchemaVersion}, not {SchemaVersion}: it is rebuilt from the results.");
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

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

    private LabelTexts ReadLabels()
    {
        using var connection = Open();
        return LabelTable.Read(connection);
    }

    /// <summary>Every facet by id, with its allele count (<see cref="FacetTable"/>).</summary>
    private Facet[] ReadFacets()
    {
        using var connection = Open();
        var (facets, counts) = FacetTable.Read(connection);
        _facetCounts = counts;
        return facets;
    }

    private BlockInfo[] ReadBlocks()
    {
        var chroms = new Dictionary<int, List<(int, long, long)>>();
        var blocks = new List<BlockInfo>();
        using var connection = Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT block, chrom, min_pos, max_pos FROM block_chroms";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var block = reader.GetInt32(0);
                if (!chroms.TryGetValue(block, out var list))
                {
                    chroms[block] = list = [];
                }

                list.Add((reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3)));
            }
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, first_row, row_count, first_record FROM blocks ORDER BY id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetInt32(0);
                if (id != blocks.Count)
                {
                    throw new InvalidDataException($"The results index's blocks are not numbered in order (block {id} at {blocks.Count}).");
                }

                if (reader.GetInt32(2) is < 0 or > BlockRows)
                {
                    throw new InvalidDataException($"Block {id} of the results index claims {reader.GetInt32(2)} alleles.");
                }

                blocks.Add(new BlockInfo(id, reader.GetInt64(1), reader.GetInt32(2), reader.GetInt64(3), [.. chroms.GetValueOrDefault(id) ?? []]));
            }
        }

        return [.. blocks];
    }
}
