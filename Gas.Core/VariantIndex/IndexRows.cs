using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;

namespace Gas.Core.VariantIndex;

/// <summary>
/// A batch of alleles on their way into a results index, filled by whoever already has them parsed: the engine on its worker
/// threads while it annotates (so the index never reads the output text back), or the builder from an annotated VCF's lines.
/// Values are as the job page shows them: VCF escapes undone, whitespace as the engine writes it (<c>_</c>), and "." the same
/// as absent. Labels get codes local to the batch (a batch holds a handful of distinct ones), and so do facets (each allele's
/// combination of labels), which the index maps to its own once per batch: the per-allele hashing happens here, on the
/// engine's workers, not on the index's single thread. Text columns are UTF-8 already. One thread fills a batch; <see cref="Clear"/>
/// makes it reusable.
/// </summary>
public sealed partial class IndexRows
{
    internal const int LabelsPerAllele = 8;
    private const int RecentFacets = 256;
    private static readonly SearchValues<char> _whitespace = SearchValues.Create(" \t\r\n");

    private readonly LocalLabels[] _labels = [.. Enumerable.Range(0, LabelsPerAllele).Select(_ => new LocalLabels())];
    private readonly int[] _recordLabels = new int[LabelsPerAllele];
    private readonly Dictionary<ulong, int> _packedFacetIds = [];
    private readonly Dictionary<Facet, int> _facetIds = [];
    private readonly List<Facet> _facets = [];
    private int[] _facetAlleles = new int[256];
    private ulong _lastPacked;
    // packed keys met lately and their ids, in slots by a hash of the key: most alleles find theirs here, not in the dictionary
    private readonly ulong[] _recentPacked = [.. Enumerable.Repeat(FacetKey.None, RecentFacets)];
    private readonly int[] _recentFacetIds = new int[RecentFacets];
    private int _lastFacetId = -1;
    private int[] _facetOf = new int[1024];
    private long[] _pos = new long[1024];
    private double[] _qual = new double[1024];
    private int[] _record = new int[1024];
    // where each text value ends, after a leading 0 (value v of allele i ends at [1 + 5i + v]): a block stores their differences
    private int[] _offsets = new int[BlockColumns.TextValues * 1024 + 1];
    private byte[] _text = new byte[64 * 1024];
    private char[] _chars = new char[256];
    private readonly byte[][] _lastBytes = [.. Enumerable.Range(0, LabelsPerAllele).Select(_ => new byte[64])];
    private readonly int[] _lastLength = [.. Enumerable.Repeat(-1, LabelsPerAllele)];
    private readonly int[] _lastCode = new int[LabelsPerAllele];
    private int _textLength;
    private (string? Func, string? Genes, string? ExonicFunc, (int Func, int Genes, int ExonicFunc) Codes) _lastAllele = (null, null, null, (-1, -1, -1));

    // the record being added: its fixed columns' text, kept until its alleles are in
    private int _recordIdStart, _recordIdEnd, _recordRefEnd;
    private long _recordPos;
    private double _recordQual;
    private bool _recordKnown;
    private ulong _recordPacked;

    /// <summary>Alleles in the batch.</summary>
    public int Count { get; private set; }

    /// <summary>Records in the batch (an allele's record is counted from the batch's first).</summary>
    public int Records { get; private set; }

    /// <summary>POS per allele.</summary>
    internal ReadOnlySpan<long> Positions => _pos.AsSpan(0, Count);

    /// <summary>QUAL per allele (NaN for none).</summary>
    internal ReadOnlySpan<double> Quals => _qual.AsSpan(0, Count);

    /// <summary>Per allele, its record counted from the batch's first.</summary>
    internal ReadOnlySpan<int> RecordNumbers => _record.AsSpan(0, Count);

    /// <summary>Per allele, its facet as a position in <see cref="Facets"/>.</summary>
    internal ReadOnlySpan<int> FacetIds => _facetOf.AsSpan(0, Count);

    /// <summary>
    /// <c>Count * 5 + 1</c> offsets into <see cref="Utf8"/>: the allele's five text values (ID, REF, ALT, GeneDetail, AAChange)
    /// one after the other (a block stores the lengths between them).
    /// </summary>
    internal ReadOnlySpan<int> TextOffsets => _offsets.AsSpan(0, Count * BlockColumns.TextValues + 1);

    internal ReadOnlySpan<byte> Utf8 => _text.AsSpan(0, _textLength);

    internal LabelSet Labels(LabelKind kind) => _labels[(int)kind].Texts;

    /// <summary>The batch's facets in order of first appearance, in its local label codes.</summary>
    internal ReadOnlySpan<Facet> Facets => CollectionsMarshal.AsSpan(_facets);

    /// <summary>Alleles of the batch under its <paramref name="facet"/>-th facet.</summary>
    internal int FacetAlleles(int facet) => _facetAlleles[facet];

    /// <summary>
    /// Starts a record from its VCF columns as UTF-8 (ID as written to the output, rsIDs added); the per-record INFO values
    /// (cytoband, GWAS traits, build check) are given as shown. Its alleles follow with <see cref="AddAllele(ReadOnlySpan{byte}, string?, string?, string?, string?, string?)"/>.
    /// </summary>
    public void BeginRecord(ReadOnlySpan<byte> chrom, long pos, ReadOnlySpan<byte> id, ReadOnlySpan<byte> @ref, ReadOnlySpan<byte> qual,
        ReadOnlySpan<byte> filter, ReadOnlySpan<byte> cytoBand, string? gwas, string? buildCheck)
    {
        Records++;
        _recordPos = pos;
        _recordLabels[(int)LabelKind.Chrom] = Code(LabelKind.Chrom, chrom);
        _recordLabels[(int)LabelKind.Filter] = Code(LabelKind.Filter, filter);
        _recordLabels[(int)LabelKind.CytoBand] = Code(LabelKind.CytoBand, cytoBand);
        _recordLabels[(int)LabelKind.Gwas] = _labels[(int)LabelKind.Gwas].Code(gwas);
        _recordLabels[(int)LabelKind.BuildCheck] = _labels[(int)LabelKind.BuildCheck].Code(buildCheck);
        _recordKnown = AnnotatedVcf.HasRsId(id);
        _recordPacked = FacetKey.PackRecord(_recordLabels, _recordKnown);
        _recordQual = Qual(qual);
        _recordIdStart = _textLength;
        AppendBytes(id is [(byte)'.'] ? default : id);
        _recordIdEnd = _textLength;
        AppendBytes(@ref);
        _recordRefEnd = _textLength;
    }

    /// <summary>As above from text (an annotated VCF's line), each value already as shown.</summary>
    internal void BeginRecord(ReadOnlySpan<char> chrom, long pos, ReadOnlySpan<char> id, ReadOnlySpan<char> @ref, double? qual,
        ReadOnlySpan<char> filter, ReadOnlySpan<char> cytoBand, ReadOnlySpan<char> gwas, ReadOnlySpan<char> buildCheck)
    {
        Records++;
        _recordPos = pos;
        _recordLabels[(int)LabelKind.Chrom] = _labels[(int)LabelKind.Chrom].Code(chrom);
        _recordLabels[(int)LabelKind.Filter] = _labels[(int)LabelKind.Filter].Code(filter);
        _recordLabels[(int)LabelKind.CytoBand] = _labels[(int)LabelKind.CytoBand].Code(cytoBand);
        _recordLabels[(int)LabelKind.Gwas] = _labels[(int)LabelKind.Gwas].Code(gwas);
        _recordLabels[(int)LabelKind.BuildCheck] = _labels[(int)LabelKind.BuildCheck].Code(buildCheck);
        _recordKnown = AnnotatedVcf.HasRsId(id);
        _recordPacked = FacetKey.PackRecord(_recordLabels, _recordKnown);
        _recordQual = qual ?? double.NaN;
        _recordIdStart = _textLength;
        AppendChars(id is "." ? default : id);
        _recordIdEnd = _textLength;
        AppendChars(@ref);
        _recordRefEnd = _textLength;
    }

    /// <summary>One ALT of the record begun last, with the engine's values for it (null or "." for none).</summary>
    public void AddAllele(ReadOnlySpan<byte> alt, string? func, string? genes, string? geneDetail, string? exonicFunc, string? aaChange)
    {
        // neighbouring alleles mostly fall in the same gene with the same class: the same three texts as the last allele keep
        // its codes, without asking each kind's labels (compared as text: the engine builds a new string for each intergenic
        // call's pair of genes, and comparing two short strings is cheaper than hashing one)
        if (_lastAllele.Codes.Func < 0 || !Same(func, _lastAllele.Func) || !Same(genes, _lastAllele.Genes) || !Same(exonicFunc, _lastAllele.ExonicFunc))
        {
            _lastAllele = (func, genes, exonicFunc, (_labels[(int)LabelKind.Func].Code(func), _labels[(int)LabelKind.Genes].Code(genes),
                _labels[(int)LabelKind.ExonicFunc].Code(exonicFunc)));
        }

        var i = BeginAllele(_lastAllele.Codes.Func, _lastAllele.Codes.Genes, _lastAllele.Codes.ExonicFunc);
        AppendBytes(alt);
        EndText(i, BlockColumns.Alt);
        AppendShown(geneDetail);
        EndText(i, BlockColumns.GeneDetail);
        AppendShown(aaChange);
        EndText(i, BlockColumns.AAChange);
    }

    private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.Ordinal);

    /// <summary>As above from text, each value already as shown.</summary>
    internal void AddAllele(ReadOnlySpan<char> alt, ReadOnlySpan<char> func, ReadOnlySpan<char> genes, ReadOnlySpan<char> geneDetail,
        ReadOnlySpan<char> exonicFunc, ReadOnlySpan<char> aaChange)
    {
        var i = BeginAllele(_labels[(int)LabelKind.Func].Code(func), _labels[(int)LabelKind.Genes].Code(genes), _labels[(int)LabelKind.ExonicFunc].Code(exonicFunc));
        AppendChars(alt);
        EndText(i, BlockColumns.Alt);
        AppendChars(geneDetail);
        EndText(i, BlockColumns.GeneDetail);
        AppendChars(aaChange);
        EndText(i, BlockColumns.AAChange);
    }

    /// <summary>Starts an allele with the record's values, its facet, and its copy of the record's ID and REF.</summary>
    private int BeginAllele(int func, int genes, int exonicFunc)
    {
        var i = StartAllele();
        _facetOf[i] = FacetId(func, genes, exonicFunc);
        AppendRecordText(i);
        return i;
    }

    // neighbouring alleles share their facet about as often as not (same gene, band and class): the last one is compared first,
    // as one packed number when the batch's codes fit in one (they nearly always do), else as the whole facet
    private int FacetId(int func, int genes, int exonicFunc)
    {
        var packed = FacetKey.PackAllele(_recordPacked, func, genes, exonicFunc);
        if (packed != FacetKey.None && packed == _lastPacked && _lastFacetId >= 0)
        {
            _facetAlleles[_lastFacetId]++;
            return _lastFacetId;
        }

        var slot = packed == FacetKey.None ? -1 : (int)((packed * 0x9E3779B97F4A7C15UL) >> 56);
        if (slot >= 0 && _recentPacked[slot] == packed)
        {
            _lastPacked = packed;
            _lastFacetId = _recentFacetIds[slot];
            _facetAlleles[_lastFacetId]++;
            return _lastFacetId;
        }

        var r = _recordLabels;
        var facet = new Facet(r[(int)LabelKind.Chrom], r[(int)LabelKind.Filter], func, genes, exonicFunc, r[(int)LabelKind.CytoBand],
            r[(int)LabelKind.Gwas], r[(int)LabelKind.BuildCheck], _recordKnown);
        bool exists;
        ref var id = ref packed == FacetKey.None
            ? ref CollectionsMarshal.GetValueRefOrAddDefault(_facetIds, facet, out exists)
            : ref CollectionsMarshal.GetValueRefOrAddDefault(_packedFacetIds, packed, out exists);
        if (!exists)
        {
            id = _facets.Count;
            _facets.Add(facet);
            if (id == _facetAlleles.Length)
            {
                Array.Resize(ref _facetAlleles, id * 2);
            }

            _facetAlleles[id] = 0;
        }

        if (slot >= 0)
        {
            _recentPacked[slot] = packed;
            _recentFacetIds[slot] = id;
        }

        _lastPacked = packed;
        _lastFacetId = id;
        _facetAlleles[id]++;
        return id;
    }

    private void EndText(int allele, int value) => _offsets[1 + allele * BlockColumns.TextValues + value] = _textLength;

    /// <summary>Empties the batch for reuse (its arrays stay).</summary>
    public void Clear()
    {
        Count = 0;
        Records = 0;
        _textLength = 0;
        _facetIds.Clear();
        _packedFacetIds.Clear();
        _facets.Clear();
        _lastFacetId = -1;
        Array.Fill(_recentPacked, FacetKey.None);
        foreach (var labels in _labels)
        {
            labels.Clear();
        }

        Array.Fill(_lastLength, -1);
        _lastAllele = (null, null, null, (-1, -1, -1));
    }

    private int StartAllele()
    {
        var i = Count++;
        if (i == _pos.Length)
        {
            var n = i * 2;
            Array.Resize(ref _pos, n);
            Array.Resize(ref _qual, n);
            Array.Resize(ref _record, n);
            Array.Resize(ref _facetOf, n);
            Array.Resize(ref _offsets, n * BlockColumns.TextValues + 1);
        }

        _pos[i] = _recordPos;
        _qual[i] = _recordQual;
        _record[i] = Records - 1;
        return i;
    }

    // ID and REF are the record's, written once per allele so that each allele's text stands alone in its block
    private void AppendRecordText(int i)
    {
        var first = StartOfAllele(i) == _recordIdStart;
        if (!first)
        {
            var idLength = _recordIdEnd - _recordIdStart;
            var refLength = _recordRefEnd - _recordIdEnd;
            Ensure(idLength + refLength);
            _text.AsSpan(_recordIdStart, idLength + refLength).CopyTo(_text.AsSpan(_textLength));
            _textLength += idLength + refLength;
            _offsets[1 + i * BlockColumns.TextValues + BlockColumns.Id] = _textLength - refLength;
        }
        else
        {
            _offsets[1 + i * BlockColumns.TextValues + BlockColumns.Id] = _recordIdEnd;
        }

        _offsets[1 + i * BlockColumns.TextValues + BlockColumns.Ref] = _textLength;
    }

    private int StartOfAllele(int i) => _offsets[i * BlockColumns.TextValues];

    private void AppendBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_text.AsSpan(_textLength));
        _textLength += bytes.Length;
    }

    private void AppendChars(ReadOnlySpan<char> chars)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(chars.Length));
        _textLength += Encoding.UTF8.GetBytes(chars, _text.AsSpan(_textLength));
    }

    /// <summary>An engine value as the annotated VCF shows it: whitespace as <c>_</c>, "." as nothing.</summary>
    private void AppendShown(string? value)
    {
        if (value is null or "." || value.Length == 0)
        {
            return;
        }

        var start = _textLength;
        AppendChars(value);
        if (value.AsSpan().ContainsAny(_whitespace))
        {
            foreach (ref var b in _text.AsSpan(start, _textLength - start))
            {
                if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                {
                    b = (byte)'_';
                }
            }
        }
    }

    private void Ensure(int more)
    {
        if (_textLength + more > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_textLength + more, _text.Length * 2));
        }
    }

    // a record's CHROM, FILTER and band mostly repeat the one before: a byte comparison instead of decoding and a lookup
    private int Code(LabelKind kind, ReadOnlySpan<byte> utf8)
    {
        var k = (int)kind;
        if (_lastLength[k] >= 0 && utf8.SequenceEqual(_lastBytes[k].AsSpan(0, _lastLength[k])))
        {
            return _lastCode[k];
        }

        var code = _labels[k].Code(Chars(utf8));
        if (_lastBytes[k].Length < utf8.Length)
        {
            _lastBytes[k] = new byte[Math.Max(64, utf8.Length)];
        }

        utf8.CopyTo(_lastBytes[k]);
        _lastLength[k] = utf8.Length;
        _lastCode[k] = code;
        return code;
    }

    // QUAL as the text path reads it (double.TryParse, invariant): most are short decimals, read without the parser
    private double Qual(ReadOnlySpan<byte> utf8) =>
        utf8 is [(byte)'.'] ? double.NaN
        : ShortDecimal.TryParse(utf8, out var quick) ? quick
        : System.Buffers.Text.Utf8Parser.TryParse(utf8, out double value, out var used) && used == utf8.Length ? value
        : AnnotatedVcf.Qual(Chars(utf8)) ?? double.NaN;

    private ReadOnlySpan<char> Chars(ReadOnlySpan<byte> utf8)
    {
        if (_chars.Length < utf8.Length)
        {
            _chars = new char[Math.Max(utf8.Length, _chars.Length * 2)];
        }

        return _chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, _chars));
    }
}
