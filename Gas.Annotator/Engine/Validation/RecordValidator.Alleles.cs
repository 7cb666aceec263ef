using System.Buffers;
using System.Text;

namespace Gas.Annotator.Engine.Validation;

/// <summary>ALT beyond its syntax (which <see cref="VcfRecord"/> checks): alleles repeated, symbolic alleles declared, breakend mates; and FILTER.</summary>
internal sealed partial class RecordValidator
{
    private static readonly SearchValues<byte> _bases = SearchValues.Create("ACGTNacgtn"u8);
    private static readonly string[] _reservedSymbolic = ["DEL", "INS", "DUP", "INV", "CNV", "BND", "*"];

    /// <summary>Checks ALT; returns the number of ALT alleles (0 for '.').</summary>
    private int CheckAlt(ReadOnlySpan<byte> reference, ReadOnlySpan<byte> alt, long line)
    {
        if (alt is [(byte)'.'])
        {
            return 0;
        }

        var alleles = alt.Count((byte)',') + 1;
        if (alleles == 1 && alt.IndexOfAnyExcept(_bases) < 0)
        {
            if (Ascii.EqualsIgnoreCase(alt, reference) && Broke(VcfRules.AltRedundant, line))
            {
                Say($"ALT '{VcfRecord.Shown(alt)}' is the REF allele; ALT lists alleles other than REF ('.' when there is none).");
            }

            return 1;
        }

        var rest = alt;
        var seen = 0;
        while (true)
        {
            var comma = rest.IndexOf((byte)',');
            var allele = comma < 0 ? rest : rest[..comma];
            CheckAllele(reference, alt[..seen], allele, line);
            if (comma < 0)
            {
                return alleles;
            }

            seen += comma + 1;
            rest = rest[(comma + 1)..];
        }
    }

    private void CheckAllele(ReadOnlySpan<byte> reference, ReadOnlySpan<byte> earlier, ReadOnlySpan<byte> allele, long line)
    {
        if (allele.IndexOfAnyExcept(_bases) < 0)
        {
            if (Ascii.EqualsIgnoreCase(allele, reference))
            {
                if (Broke(VcfRules.AltRedundant, line))
                {
                    Say($"ALT allele '{VcfRecord.Shown(allele)}' is the REF allele.");
                }
            }
            else if (RepeatsIgnoringCase(earlier, allele) && Broke(VcfRules.AltRedundant, line))
            {
                Say($"ALT allele '{VcfRecord.Shown(allele)}' is listed twice.");
            }

            return;
        }

        if (allele is [(byte)'<', .. var id, (byte)'>'])
        {
            if (!_definitions.IsAlt(id) && !IsReservedSymbolic(id) && Broke(VcfRules.AltSymbolicUndeclared, line))
            {
                Say($"symbolic allele <{VcfRecord.Shown(id)}> is not declared by an ##ALT line and is not a reserved type (DEL, INS, DUP, INV, CNV, BND, *).");
            }

            return;
        }

        var open = allele.IndexOfAny((byte)'[', (byte)']');
        if (open >= 0)
        {
            var close = allele[(open + 1)..].IndexOf(allele[open]);
            var mate = close < 0 ? [] : allele.Slice(open + 1, close);
            var colon = mate.LastIndexOf((byte)':');
            var position = colon < 0 ? [] : mate[(colon + 1)..];
            if ((colon <= 0 || position.IsEmpty || position.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0) && Broke(VcfRules.AltBreakend, line))
            {
                Say($"breakend '{VcfRecord.Shown(allele)}' names its mate as '{VcfRecord.Shown(mate)}', not CHROM:POS with an integer POS.");
            }
        }
    }

    private static bool IsReservedSymbolic(ReadOnlySpan<byte> id)
    {
        var colon = id.IndexOf((byte)':');
        var type = colon < 0 ? id : id[..colon];
        foreach (var reserved in _reservedSymbolic)
        {
            if (Ascii.Equals(type, reserved))
            {
                return true;
            }
        }

        return false;
    }

    private static bool RepeatsIgnoringCase(ReadOnlySpan<byte> earlier, ReadOnlySpan<byte> allele)
    {
        var rest = earlier;
        while (!rest.IsEmpty)
        {
            var comma = rest.IndexOf((byte)',');
            if (Ascii.EqualsIgnoreCase(comma < 0 ? rest : rest[..comma], allele))
            {
                return true;
            }

            rest = comma < 0 ? [] : rest[(comma + 1)..];
        }

        return false;
    }

    private void CheckFilter(ReadOnlySpan<byte> filter, long line)
    {
        if (filter is [(byte)'.'] || filter.SequenceEqual("PASS"u8))
        {
            return;
        }

        var rest = filter;
        var start = 0;
        while (true)
        {
            var semicolon = rest.IndexOf((byte)';');
            var code = semicolon < 0 ? rest : rest[..semicolon];
            var problem = code switch
            {
                [] => "has an empty code (';;', or a ';' at an end)",
                [(byte)'0'] when !_version.Legacy => "uses '0', which is reserved",
                _ when code.SequenceEqual("PASS"u8) => "lists PASS with failed filters",
                _ when Names.HasWhitespace(code) => "has whitespace",
                _ when start > 0 && Repeats(filter[..start], code) => $"lists '{VcfRecord.Shown(code)}' twice",
                _ => null,
            };
            if (problem is not null)
            {
                if (Broke(VcfRules.FilterSyntax, line))
                {
                    Say($"FILTER '{VcfRecord.Shown(filter)}' {problem}.");
                }
            }
            else if (!_definitions.IsFilter(code) && !(_version.Legacy && code is [(byte)'0']) && Broke(VcfRules.FilterUndeclared, line))
            {
                Say($"FILTER code '{VcfRecord.Shown(code)}' is not declared by a ##FILTER line.");
            }

            if (semicolon < 0)
            {
                return;
            }

            start += semicolon + 1;
            rest = rest[(semicolon + 1)..];
        }
    }
}
