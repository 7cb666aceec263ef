using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using static Gas.Core.VariantIndex.ResultsIndexFormat;

namespace Gas.Core.VariantIndex;

/// <summary>
/// Writes a results index from batches of alleles (<see cref="IndexRows"/>) in file order: maps each batch's label codes to
/// the index's, adds up the facets, and hands the alleles to <see cref="BlockWriter"/>; <see cref="Finish"/> writes labels,
/// facets and the summary. One transaction with no journal: a half-written index is never read (it is written under a
/// temporary name or deleted by the caller on failure).
/// </summary>
internal sealed class ResultsIndexWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly BlockWriter _blocks;
    private readonly LabelCodes _labels = new();
    private readonly Dictionary<Facet, (int Id, long N)> _facets = [];
    private readonly int[][] _map = new int[IndexRows.LabelsPerAllele][];

    public ResultsIndexWriter(string indexPath)
    {
        File.Delete(indexPath);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = indexPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        _connection.Open();
        ResultsIndexBuilder.Execute(_connection, "PRAGMA page_size=8192; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; " +
            "PRAGMA locking_mode=EXCLUSIVE; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-131072;");
        ResultsIndexBuilder.Execute(_connection, CreateTables);
        _transaction = _connection.BeginTransaction();
        _blocks = new BlockWriter(_connection);
    }

    public long Records { get; private set; }

    public long Alleles { get; private set; }

    public void Append(IndexRows rows)
    {
        for (var kind = 0; kind < IndexRows.LabelsPerAllele; kind++)
        {
            var local = rows.Labels((LabelKind)kind);
            var map = _map[kind] is { } m && m.Length > local.Count ? m : _map[kind] = new int[local.Count * 2 + 1];
            for (var j = 0; j < local.Count; j++)
            {
                map[j + 1] = _labels.Code((LabelKind)kind, local[j]);
            }
        }

        for (var a = 0; a < rows.Count; a++)
        {
            var chrom = Map(rows, a, LabelKind.Chrom);
            var facet = new Facet(chrom, Map(rows, a, LabelKind.Filter), Map(rows, a, LabelKind.Func), Map(rows, a, LabelKind.Genes),
                Map(rows, a, LabelKind.ExonicFunc), Map(rows, a, LabelKind.CytoBand), Map(rows, a, LabelKind.Gwas),
                Map(rows, a, LabelKind.BuildCheck), rows.Known(a));
            ref var seen = ref CollectionsMarshal.GetValueRefOrAddDefault(_facets, facet, out var exists);
            if (!exists)
            {
                seen.Id = _facets.Count;
            }

            seen.N++;
            _blocks.Add(Records + rows.Record(a), seen.Id, chrom, rows, a);
        }

        Records += rows.Records;
        Alleles += rows.Count;
    }

    /// <summary>Writes the last block, the labels, the facets and the meta table (with the header's build and sources), and commits.</summary>
    public void Finish(AnnotatedVcfHeader header)
    {
        _blocks.Flush();
        WriteLabels();
        WriteFacets();
        var summary = FacetSummary.Summarize(_facets.Select(f => KeyValuePair.Create(f.Key, f.Value.N)), _labels.Text, Records);
        WriteMeta(new Dictionary<string, string?>
        {
            [MetaKeys.Schema] = SchemaVersion.ToString(CultureInfo.InvariantCulture),
            [MetaKeys.Build] = header.Build,
            [MetaKeys.UcscName] = header.UcscName,
            [MetaKeys.BuildAssumed] = header.BuildAssumed ? "1" : "0",
            [MetaKeys.BuildWarning] = header.BuildWarning,
            [MetaKeys.Sources] = header.Sources,
            [MetaKeys.Records] = Records.ToString(CultureInfo.InvariantCulture),
            [MetaKeys.Alleles] = Alleles.ToString(CultureInfo.InvariantCulture),
            [MetaKeys.Summary] = JsonSerializer.Serialize(summary),
            [MetaKeys.HasVariants] = "1",
        });
        _transaction.Commit();
    }

    public void Dispose()
    {
        _blocks.Dispose();
        _transaction.Dispose();
        _connection.Dispose();
    }

    private int Map(IndexRows rows, int allele, LabelKind kind) => _map[(int)kind][rows.Label(allele, kind)];

    private void WriteLabels()
    {
        using var insert = new RawStatement(_connection, "INSERT INTO labels(kind, id, text) VALUES (?1, ?2, ?3)");
        foreach (var (kind, id, text) in _labels.All())
        {
            insert.Bind(1, kind).Bind(2, id).Bind(3, text).Run();
        }
    }

    private void WriteFacets()
    {
        using var insert = new RawStatement(_connection,
            "INSERT INTO facets(id, chrom, filter, func, genes, exonic_func, cytoband, gwas, build_check, known, n) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
        foreach (var (f, (id, n)) in _facets)
        {
            insert.Bind(1, id).Bind(2, f.Chrom).Bind(3, f.Filter).Bind(4, f.Func).Bind(5, f.Genes).Bind(6, f.ExonicFunc).Bind(7, f.CytoBand)
                .Bind(8, f.Gwas).Bind(9, f.BuildCheck).Bind(10, f.Known ? 1 : 0).Bind(11, n).Run();
        }
    }

    private void WriteMeta(Dictionary<string, string?> values)
    {
        using var insert = new RawStatement(_connection, "INSERT INTO meta(key, value) VALUES (?1, ?2)");
        foreach (var (key, value) in values.Where(v => v.Value is not null))
        {
            insert.Bind(1, key).Bind(2, value).Run();
        }
    }

    /// <summary>The index's integer codes for label texts, per kind; 0 stands for "none". Asked once per batch and label.</summary>
    private sealed class LabelCodes
    {
        private readonly Dictionary<string, int>[] _codes = [.. LabelKinds.Names.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];
        private readonly Dictionary<(string, int), string> _texts = [];

        public int Code(LabelKind kind, string text)
        {
            var codes = _codes[(int)kind];
            if (!codes.TryGetValue(text, out var code))
            {
                code = codes[text] = codes.Count + 1;
                _texts[(LabelKinds.Names[(int)kind], code)] = text;
            }

            return code;
        }

        public string? Text(string kind, int id) => _texts.GetValueOrDefault((kind, id));

        public IEnumerable<(string Kind, int Id, string Text)> All() => _texts.Select(p => (p.Key.Item1, p.Key.Item2, p.Value));
    }
}
