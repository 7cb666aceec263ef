using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using static Gas.Core.VariantIndex.ResultsIndexFormat;

namespace Gas.Core.VariantIndex;

/// <summary>
/// Writes a results index from batches of alleles (<see cref="IndexRows"/>) in file order: maps each batch's label codes and
/// facets to the index's (a lookup per distinct label and facet, none per allele), counts the summary, and hands the batch
/// to <see cref="BlockWriter"/>; <see cref="Finish"/> writes the labels, the last facets and the summary. One transaction with no journal: a half-written index is never read (it is written under a
/// temporary name or deleted by the caller on failure).
/// </summary>
internal sealed class ResultsIndexWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly BlockWriter _blocks;
    private readonly LabelCodes _labels = LabelCodes.Rent();
    private readonly FacetTable.Writer _facets;
    private readonly SummaryCounts _summary = new();
    private readonly int[][] _map = new int[IndexRows.LabelsPerAllele][];
    private int[] _facetIds = [];
    private int[] _facetChroms = [];

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
        // a small page cache (32 pages): the blocks are written once and never read back, so a larger cache only spills them
        // later, from memory the CPU's caches have lost by then (`index bench --only index`, a million alleles: the index
        // thread ~0.10-0.11 CPU s a run with 4 MB, ~0.09 s with 512 KB)
        ResultsIndexBuilder.Execute(_connection, "PRAGMA page_size=16384; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; " +
            "PRAGMA locking_mode=EXCLUSIVE; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-512;");
        ResultsIndexBuilder.Execute(_connection, CreateTables);
        _transaction = _connection.BeginTransaction();
        _blocks = new BlockWriter(_connection);
        _facets = new FacetTable.Writer(_connection);
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

        // the batch's facets in the index's codes, once each; then each allele takes its facet's id by position
        var facets = rows.Facets;
        if (_facetIds.Length < facets.Length)
        {
            _facetIds = new int[facets.Length * 2];
            _facetChroms = new int[facets.Length * 2];
        }

        for (var f = 0; f < facets.Length; f++)
        {
            var l = facets[f];
            var facet = new Facet(Map(LabelKind.Chrom, l.Chrom), Map(LabelKind.Filter, l.Filter), Map(LabelKind.Func, l.Func),
                Map(LabelKind.Genes, l.Genes), Map(LabelKind.ExonicFunc, l.ExonicFunc), Map(LabelKind.CytoBand, l.CytoBand),
                Map(LabelKind.Gwas, l.Gwas), Map(LabelKind.BuildCheck, l.BuildCheck), l.Known);
            _facetIds[f] = _facets.Add(facet, rows.FacetAlleles(f));
            _summary.Add(facet, rows.FacetAlleles(f), _labels.IsIntergenic(facet.Func));
            _facetChroms[f] = facet.Chrom;
        }

        _blocks.Add(rows, Records, _facetIds, _facetChroms);

        Records += rows.Records;
        Alleles += rows.Count;
    }

    /// <summary>Writes the labels, the last chunk of facets and the meta table (with the header's build and sources), and commits.</summary>
    public void Finish(AnnotatedVcfHeader header)
    {
        var texts = _labels.Texts();
        LabelTable.Write(_connection, texts);
        _facets.Flush();
        var summary = new FacetTally(ReadOnlyMemory<Facet>.Empty, new LabelTexts(texts), _labels.Genes, _labels.Gwas).Summary(_summary) with { Records = Records };
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
        LabelCodes.Return(_labels);
        _blocks.Dispose();
        _facets.Dispose();
        _transaction.Dispose();
        _connection.Dispose();
    }

    private int Map(LabelKind kind, int local) => _map[(int)kind][local];

    private void WriteMeta(Dictionary<string, string?> values)
    {
        using var insert = new RawStatement(_connection, "INSERT INTO meta(key, value) VALUES (?1, ?2)");
        foreach (var (key, value) in values.Where(v => v.Value is not null))
        {
            insert.Bind(1, key).Bind(2, value).Run();
        }
    }

    /// <summary>
    /// The index's integer codes for label texts, per kind; 0 stands for "none". Asked once per batch and label. Gene lists
    /// and traits are split into their members as they come, while the engine still runs, for the summary at the end. The
    /// texts are kept as <see cref="LabelSet"/>s, not strings, until the end.
    /// </summary>
    private sealed class LabelCodes
    {
        // emptied tables, shared by every writer of the process: a job's label tables grow to the size of its labels once,
        // not per job
        private static readonly ConcurrentBag<LabelCodes> _emptied = [];
        private readonly LabelSet[] _sets = [.. LabelKinds.Names.Select(_ => new LabelSet())];
        private int _intergenic = -1;
        private bool _returned;

        public static LabelCodes Rent()
        {
            var codes = _emptied.TryTake(out var emptied) ? emptied : new LabelCodes();
            codes._returned = false;
            return codes;
        }

        /// <summary>Empties the tables for the next writer (once; a writer disposed twice returns them once).</summary>
        public static void Return(LabelCodes codes)
        {
            if (codes._returned)
            {
                return;
            }

            codes._returned = true;
            foreach (var set in codes._sets)
            {
                set.Clear();
            }

            codes._intergenic = -1;
            codes.Genes.Clear();
            codes.Gwas.Clear();
            _emptied.Add(codes);
        }

        public LabelMembers Genes { get; } = new LabelMembers([null], 1);

        public LabelMembers Gwas { get; } = new LabelMembers([null], 1);

        public int Code(LabelKind kind, ReadOnlySpan<char> text)
        {
            var code = _sets[(int)kind].Add(text, out var added) + 1;
            if (added)
            {
                (kind switch { LabelKind.Genes => Genes, LabelKind.Gwas => Gwas, _ => null })?.Add(text);
                if (kind == LabelKind.Func && text is "intergenic")
                {
                    _intergenic = code;
                }
            }

            return code;
        }

        public bool IsIntergenic(int func) => func == _intergenic;

        /// <summary>Every kind's labels by code (0, none, is null).</summary>
        public string?[][] Texts() => [.. _sets.Select(set => (string?[])[null, .. set.ToStrings()])];
    }
}
