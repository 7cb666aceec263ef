using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Gas.Annotator.Engine.Validation;

namespace Gas.Annotator.Engine;

/// <summary>
/// One record line whose fixed columns passed the rules both engines apply (VCF 4.x §1.6.1): as many columns as the header
/// line, a CHROM, a POS that fits a 32-bit position, REF bases, ALT alleles in one of the forms VCF allows, QUAL a number or '.'.
/// </summary>
internal readonly ref struct VcfRecord
{
    private static readonly SearchValues<byte> _bases = SearchValues.Create("ACGTNacgtn"u8);
    private static readonly SearchValues<byte> _basesOrComma = SearchValues.Create("ACGTNacgtn,"u8);
    private readonly Tabs _tabs;

    private VcfRecord(ReadOnlySpan<byte> line, Tabs tabs, bool hasSamples, int pos)
    {
        Line = line;
        _tabs = tabs;
        HasSamples = hasSamples;
        Pos = pos;
    }

    public ReadOnlySpan<byte> Line { get; }
    public int Pos { get; }

    /// <summary>FORMAT and sample columns follow INFO.</summary>
    public bool HasSamples { get; }

    public ReadOnlySpan<byte> Chrom => Line[.._tabs[0]];
    public ReadOnlySpan<byte> Id => Line[(_tabs[1] + 1).._tabs[2]];
    public ReadOnlySpan<byte> Ref => Line[(_tabs[2] + 1).._tabs[3]];
    public ReadOnlySpan<byte> Alt => Line[(_tabs[3] + 1).._tabs[4]];
    public ReadOnlySpan<byte> Qual => Line[(_tabs[4] + 1).._tabs[5]];
    public ReadOnlySpan<byte> Filter => Line[(_tabs[5] + 1).._tabs[6]];
    public ReadOnlySpan<byte> Info => Line[(_tabs[6] + 1)..(HasSamples ? _tabs[7] : Line.Length)];

    /// <summary>CHROM and POS with the tab after each.</summary>
    public ReadOnlySpan<byte> UpToId => Line[..(_tabs[1] + 1)];

    /// <summary>The tab before REF through the tab after FILTER.</summary>
    public ReadOnlySpan<byte> RefToFilter => Line[_tabs[2]..(_tabs[6] + 1)];

    /// <summary>CHROM through the tab after FILTER.</summary>
    public ReadOnlySpan<byte> UpToInfo => Line[..(_tabs[6] + 1)];

    /// <summary>The tab before FORMAT and everything after it; empty without samples.</summary>
    public ReadOnlySpan<byte> Samples => HasSamples ? Line[_tabs[7]..] : [];

    /// <summary>Checks a non-empty line that follows the <c>#CHROM</c> line.</summary>
    /// <exception cref="VcfFormatException">The line breaks a rule; the message names the field and shows (the start of) its value.</exception>
    public static VcfRecord Parse(ReadOnlySpan<byte> line, int headerColumns, long lineNumber)
    {
        if (line[0] == (byte)'#')
        {
            throw new VcfFormatException(lineNumber, line.StartsWith("#CHROM"u8)
                ? "a second '#CHROM' header line; a VCF has one, before its records (were two files joined?)."
                : "a header line came after the '#CHROM' line.", VcfRules.HeaderAfterRecords.Id);
        }

        var tabs = default(Tabs);
        var found = 0;
        var from = 0;
        while (found < 8)
        {
            var t = line[from..].IndexOf((byte)'\t');
            if (t < 0)
            {
                break;
            }

            tabs[found++] = from + t;
            from += t + 1;
        }

        var columns = found < 8 ? found + 1 : 9 + line[(tabs[7] + 1)..].Count((byte)'\t');
        if (columns < 8)
        {
            throw new VcfFormatException(lineNumber, $"expected at least 8 tab-separated columns, found {columns}.", VcfRules.ColumnCount.Id);
        }

        if (columns != headerColumns)
        {
            throw new VcfFormatException(lineNumber, $"expected {headerColumns} columns as in the header line, found {columns}.", VcfRules.ColumnCount.Id);
        }

        if (tabs[0] == 0)
        {
            throw new VcfFormatException(lineNumber, "CHROM is empty.", VcfRules.ChromEmpty.Id);
        }

        var record = new VcfRecord(line, tabs, found == 8, ParsePos(line[(tabs[0] + 1)..tabs[1]], lineNumber));

        var reference = record.Ref;
        if (reference.IsEmpty || reference.IndexOfAnyExcept(_bases) >= 0)
        {
            throw new VcfFormatException(lineNumber, $"REF '{Shown(reference)}' must be bases A, C, G, T or N.", VcfRules.RefBases.Id);
        }

        if (record.Pos > int.MaxValue - reference.Length + 1)
        {
            throw PosBeyondRange(record.Line[(tabs[0] + 1)..tabs[1]], lineNumber);
        }

        CheckAlt(record.Alt, lineNumber);
        var qual = line[(tabs[4] + 1)..tabs[5]];
        if (!(qual.Length == 1 && qual[0] == (byte)'.') && !VcfValues.IsFloat(qual) && (!Utf8Parser.TryParse(qual, out double _, out var used) || used != qual.Length))
        {
            throw new VcfFormatException(lineNumber, $"QUAL '{Shown(qual)}' is not a number or '.'.", VcfRules.QualSyntax.Id);
        }

        return record;
    }

    /// <summary>The start of a user's value for a message: enough to find it, never a megabyte of it.</summary>
    public static string Shown(ReadOnlySpan<byte> value) =>
        value.Length <= 40 ? Encoding.UTF8.GetString(value) : Encoding.UTF8.GetString(value[..40]) + "…";

    private static int ParsePos(ReadOnlySpan<byte> text, long lineNumber)
    {
        if (text.IsEmpty || text.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
        {
            throw new VcfFormatException(lineNumber, $"POS '{Shown(text)}' is not a non-negative integer.", VcfRules.PosSyntax.Id);
        }

        return Utf8Parser.TryParse(text, out int pos, out _) ? pos : throw PosBeyondRange(text, lineNumber);
    }

    private static VcfFormatException PosBeyondRange(ReadOnlySpan<byte> text, long lineNumber) => new(lineNumber,
        $"POS {Shown(text)} is beyond {int.MaxValue.ToString("N0", CultureInfo.InvariantCulture)}, the largest position GAS reads " +
        "(no chromosome is that long: is a column shifted?).", VcfRules.PosSyntax.Id);

    private static void CheckAlt(ReadOnlySpan<byte> alt, long lineNumber)
    {
        if (alt.IsEmpty)
        {
            throw new VcfFormatException(lineNumber, "ALT is empty (use '.' for none).", VcfRules.AltSyntax.Id);
        }

        if (alt.IndexOfAnyExcept(_basesOrComma) < 0 && alt[0] != (byte)',' && alt[^1] != (byte)',' && alt.IndexOf(",,"u8) < 0)
        {
            return;     // plain bases, the common case
        }

        var rest = alt;
        var alleles = alt.Count((byte)',') + 1;
        while (true)
        {
            var comma = rest.IndexOf((byte)',');
            var allele = comma < 0 ? rest : rest[..comma];
            if (allele.IsEmpty)
            {
                throw new VcfFormatException(lineNumber, $"ALT '{Shown(alt)}' has an empty allele.", VcfRules.AltSyntax.Id);
            }

            if (allele is [(byte)'.'] && alleles > 1)
            {
                throw new VcfFormatException(lineNumber, $"ALT '{Shown(alt)}' lists '.' (no alternate allele) with other alleles.", VcfRules.AltSyntax.Id);
            }

            if (!IsAllele(allele))
            {
                throw new VcfFormatException(lineNumber,
                    $"ALT allele '{Shown(allele)}' is not bases (A, C, G, T, N), '*', '.', a symbolic allele such as <DEL>, or a breakend such as G]17:198982].", VcfRules.AltSyntax.Id);
            }

            if (comma < 0)
            {
                return;
            }

            rest = rest[(comma + 1)..];
        }
    }

    private static bool IsAllele(ReadOnlySpan<byte> a)
    {
        if (a is [(byte)'*'] or [(byte)'.'] || a.IndexOfAnyExcept(_bases) < 0)
        {
            return true;
        }

        if (a is [(byte)'<', .. var id, (byte)'>'])
        {
            return !id.IsEmpty && id.IndexOfAny("<> \t"u8) < 0;
        }

        if (a is [(byte)'.', .. var after] && after.IndexOfAnyExcept(_bases) < 0)
        {
            return true;    // single breakends: .A and A.
        }

        if (a is [.. var before, (byte)'.'] && before.IndexOfAnyExcept(_bases) < 0)
        {
            return true;
        }

        // t[p[, t]p], ]p]t, [p[t: two brackets of one kind around a mate position, bases on exactly one side
        var open = a.IndexOfAny((byte)'[', (byte)']');
        var close = open < 0 ? -1 : a[(open + 1)..].IndexOf(a[open]);
        if (close < 0)
        {
            return false;
        }

        close += open + 1;
        var mate = a[(open + 1)..close];
        var outside = open == 0 ? a[(close + 1)..] : a[..open];
        var other = open == 0 ? a[..0] : a[(close + 1)..];
        return mate.IndexOf((byte)':') > 0 && mate.IndexOfAny((byte)'[', (byte)']') < 0 && !outside.IsEmpty
            && outside.IndexOfAnyExcept(_bases) < 0 && other.IsEmpty;
    }

    [InlineArray(8)]
    private struct Tabs
    {
        private int _first;
    }
}
