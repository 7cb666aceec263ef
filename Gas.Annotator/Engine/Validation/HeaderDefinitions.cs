using System.Text;

namespace Gas.Annotator.Engine.Validation;

/// <summary>A declared value type (VCF §1.3).</summary>
internal enum ValueKind
{
    Integer,
    Float,
    Flag,
    Character,
    String,
}

/// <summary>How many values a declared field has: a fixed count, or one per ALT, allele, genotype or GT allele, or any.</summary>
internal enum NumberKind
{
    Fixed,
    PerAlt,
    PerAllele,
    PerGenotype,
    PerPloidy,
    Any,
}

/// <summary>An INFO or FORMAT key as its meta line declares it; <see cref="Index"/> numbers it among its kind.</summary>
internal sealed record FieldDefinition(string Id, NumberKind Number, int Count, ValueKind Type, int Index);

/// <summary>
/// What the header declares, for the records' checks: INFO, FORMAT, FILTER and ALT IDs, contigs and their lengths. IDs are kept as
/// Latin-1 strings of their bytes, so a record's key bytes find them without decoding or allocating.
/// </summary>
internal sealed class HeaderDefinitions
{
    private readonly Dictionary<string, FieldDefinition> _info = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FieldDefinition> _format = new(StringComparer.Ordinal);
    private readonly HashSet<string> _filters = new(StringComparer.Ordinal);
    private readonly HashSet<string> _alts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _contigs = new(StringComparer.Ordinal);

    public int InfoCount => _info.Count;
    public bool HasContigs => _contigs.Count > 0;

    public void AddInfo(string id, NumberKind number, int count, ValueKind type) =>
        _info.TryAdd(id, new FieldDefinition(id, number, count, type, _info.Count));

    public void AddFormat(string id, NumberKind number, int count, ValueKind type) =>
        _format.TryAdd(id, new FieldDefinition(id, number, count, type, _format.Count));

    public void AddFilter(string id) => _filters.Add(id);

    public void AddAlt(string id) => _alts.Add(id);

    /// <summary>A contig and its length (0 when not declared).</summary>
    public void AddContig(string id, long length) => _contigs.TryAdd(id, length);

    public FieldDefinition? Info(ReadOnlySpan<byte> key) => Find(_info, key);

    public FieldDefinition? Format(ReadOnlySpan<byte> key) => Find(_format, key);

    public bool IsFilter(ReadOnlySpan<byte> id) => Contains(_filters, id);

    public bool IsAlt(ReadOnlySpan<byte> id) => Contains(_alts, id);

    /// <summary>Whether a contig is declared, and its length (0 when unknown).</summary>
    public bool Contig(string name, out long length) => _contigs.TryGetValue(name, out length);

    /// <summary>Header text as the declarations hold it: one char per byte.</summary>
    public static string Key(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    private static FieldDefinition? Find(Dictionary<string, FieldDefinition> table, ReadOnlySpan<byte> key)
    {
        if (table.Count == 0)
        {
            return null;
        }

        Span<char> chars = key.Length <= 256 ? stackalloc char[key.Length] : new char[key.Length];
        Encoding.Latin1.GetChars(key, chars);
        return table.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars, out var found) ? found : null;
    }

    private static bool Contains(HashSet<string> set, ReadOnlySpan<byte> key)
    {
        if (set.Count == 0)
        {
            return false;
        }

        Span<char> chars = key.Length <= 256 ? stackalloc char[key.Length] : new char[key.Length];
        Encoding.Latin1.GetChars(key, chars);
        return set.GetAlternateLookup<ReadOnlySpan<char>>().Contains(chars);
    }
}
