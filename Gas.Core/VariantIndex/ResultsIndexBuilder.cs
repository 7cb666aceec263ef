using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using static Gas.Core.VariantIndex.ResultsIndexFormat;

namespace Gas.Core.VariantIndex;

/// <summary>What building an index did.</summary>
public sealed record ResultsIndexStats(long Records, long Alleles, TimeSpan Elapsed, long Bytes);

/// <summary>
/// Writes a job's results index from its annotated VCF in one streaming pass: the annotator runs it right after annotating,
/// the web tier for jobs annotated before the index existed (or in an older format). Lines are read as spans (no string per
/// line), alleles go into column blocks (<see cref="BlockWriter"/>) inside one transaction with no journal, and the facet
/// counts and the summary are added up in memory on the way.
/// </summary>
public static class ResultsIndexBuilder
{
    public static ResultsIndexStats Build(Stream annotatedVcf, string indexPath, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        File.Delete(indexPath);
        using var reader = new StreamReader(annotatedVcf, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        var header = AnnotatedVcf.ReadHeader(reader);

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = indexPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA page_size=8192; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE; " +
            "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-131072;");
        Execute(connection, CreateTables);

        var labels = new LabelCodes();
        var facets = new Dictionary<Facet, (int Id, long N)>();
        long records = 0, alleles = 0, lineNumber = 0;
        var columns = new Range[9];
        var info = new Range[8];
        var lines = new SpanLineReader(reader);
        using (var transaction = connection.BeginTransaction())
        {
            using var blocks = new BlockWriter(connection);
            while (lines.TryReadLine(out var line))
            {
                if ((++lineNumber & 0xFFFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }

                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                var record = RecordLine.Parse(line, columns, info, lineNumber);
                var chrom = labels.Code(LabelKind.Chrom, record.Chrom);
                var filter = labels.Code(LabelKind.Filter, record.Filter);
                var known = AnnotatedVcf.HasRsId(record.Id);
                var qual = AnnotatedVcf.Qual(record.Qual);
                for (var i = 0; i < record.Alleles; i++)
                {
                    var facet = new Facet(
                        chrom, filter, labels.Code(LabelKind.Func, record.Value(RecordLine.Func, i)), labels.Code(LabelKind.Genes, record.Value(RecordLine.Gene, i)),
                        labels.Code(LabelKind.ExonicFunc, record.Value(RecordLine.ExonicFunc, i)), labels.Code(LabelKind.CytoBand, record.Value(RecordLine.CytoBand, i)),
                        labels.Code(LabelKind.Gwas, record.Value(RecordLine.Gwas, i)), labels.Code(LabelKind.BuildCheck, record.Value(RecordLine.BuildCheck, i)), known);
                    ref var seen = ref CollectionsMarshal.GetValueRefOrAddDefault(facets, facet, out var exists);
                    if (!exists)
                    {
                        seen.Id = facets.Count;
                    }

                    seen.N++;
                    blocks.Add(records, seen.Id, chrom, record, i, qual);
                    alleles++;
                }

                records++;
            }

            blocks.Flush();
            ct.ThrowIfCancellationRequested();
            WriteLabels(connection, transaction, labels);
            WriteFacets(connection, transaction, facets);
            var summary = FacetSummary.Summarize(facets.Select(f => KeyValuePair.Create(f.Key, f.Value.N)), labels.Text, records);
            WriteMeta(connection, transaction, new Dictionary<string, string?>
            {
                [MetaKeys.Schema] = SchemaVersion.ToString(CultureInfo.InvariantCulture),
                [MetaKeys.Build] = header.Build,
                [MetaKeys.UcscName] = header.UcscName,
                [MetaKeys.BuildAssumed] = header.BuildAssumed ? "1" : "0",
                [MetaKeys.BuildWarning] = header.BuildWarning,
                [MetaKeys.Sources] = header.Sources,
                [MetaKeys.Records] = records.ToString(CultureInfo.InvariantCulture),
                [MetaKeys.Alleles] = alleles.ToString(CultureInfo.InvariantCulture),
                [MetaKeys.Summary] = JsonSerializer.Serialize(summary),
                [MetaKeys.HasVariants] = "1",
            });
            transaction.Commit();
        }

        connection.Close();
        return new ResultsIndexStats(records, alleles, watch.Elapsed, new FileInfo(indexPath).Length);
    }

    /// <summary>
    /// A copy without the variant rows: the summary, build and labels stay, so the job page can still show what was found
    /// while the results themselves sit in the archive. The block tables go altogether (nothing reads them without rows).
    /// </summary>
    public static void WriteSummaryOnly(string fullIndexPath, string summaryPath)
    {
        File.Copy(fullIndexPath, summaryPath, overwrite: true);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = summaryPath, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "DROP TABLE columns; DROP TABLE blocks; DROP TABLE block_chroms; DELETE FROM facets; DELETE FROM labels;" +
            $"UPDATE meta SET value = '0' WHERE key = '{MetaKeys.HasVariants}'; VACUUM;");
    }

    private static void WriteLabels(SqliteConnection connection, SqliteTransaction transaction, LabelCodes labels)
    {
        using var command = Command(connection, transaction, "INSERT INTO labels(kind, id, text) VALUES ($kind, $id, $text)", "$kind", "$id", "$text");
        foreach (var (kind, id, text) in labels.All())
        {
            Run(command, kind, id, text);
        }
    }

    private static void WriteFacets(SqliteConnection connection, SqliteTransaction transaction, Dictionary<Facet, (int Id, long N)> facets)
    {
        using var command = Command(connection, transaction,
            "INSERT INTO facets(id, chrom, filter, func, genes, exonic_func, cytoband, gwas, build_check, known, n) " +
            "VALUES ($id, $c, $fl, $f, $g, $e, $cb, $w, $b, $k, $n)",
            "$id", "$c", "$fl", "$f", "$g", "$e", "$cb", "$w", "$b", "$k", "$n");
        foreach (var (f, (id, n)) in facets)
        {
            Run(command, id, f.Chrom, f.Filter, f.Func, f.Genes, f.ExonicFunc, f.CytoBand, f.Gwas, f.BuildCheck, f.Known ? 1 : 0, n);
        }
    }

    private static void WriteMeta(SqliteConnection connection, SqliteTransaction transaction, Dictionary<string, string?> values)
    {
        using var command = Command(connection, transaction, "INSERT INTO meta(key, value) VALUES ($key, $value)", "$key", "$value");
        foreach (var (key, value) in values.Where(v => v.Value is not null))
        {
            Run(command, key, value);
        }
    }

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Integer codes for repeated text, per kind; 0 stands for "none". Looked up by span, so a known label costs no string.</summary>
    private sealed class LabelCodes
    {
        private readonly Dictionary<string, int>[] _codes = [.. LabelKinds.Names.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];
        private readonly Dictionary<(string, int), string> _texts = [];

        private readonly string?[] _last = new string?[LabelKinds.Names.Length];
        private readonly int[] _lastCode = new int[LabelKinds.Names.Length];
        private char[] _unescaped = new char[256];

        public int Code(LabelKind kind, ReadOnlySpan<char> value)
        {
            if (value.IsEmpty)
            {
                return 0;
            }

            // neighbouring alleles mostly share their labels: a comparison instead of a hash and a lookup
            value = AnnotatedVcf.Unescape(value, ref _unescaped);
            var k = (int)kind;
            if (_last[k] is { } last && value.SequenceEqual(last))
            {
                return _lastCode[k];
            }

            var codes = _codes[k];
            var lookup = codes.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(value, out var code))
            {
                code = Add(kind, codes, value.ToString());
            }

            _last[k] = _texts[(LabelKinds.Names[k], code)];
            _lastCode[k] = code;
            return code;
        }

        public string? Text(string kind, int id) => _texts.GetValueOrDefault((kind, id));

        public IEnumerable<(string Kind, int Id, string Text)> All() => _texts.Select(p => (p.Key.Item1, p.Key.Item2, p.Value));

        private int Add(LabelKind kind, Dictionary<string, int> codes, string text)
        {
            var code = codes[text] = codes.Count + 1;
            _texts[(LabelKinds.Names[(int)kind], code)] = text;
            return code;
        }
    }
}
