using System.Globalization;

namespace Gas.Annotator.Engine.Validation;

/// <summary>A declared value's item count (Number, §1.4.2) and the type of each item (Type, §1.3), for INFO and sample fields alike.</summary>
internal sealed partial class RecordValidator
{
    /// <param name="ploidy">The sample's ploidy from its GT; -1 for INFO, or when there is no GT.</param>
    /// <param name="sample">The sample's column index for sample fields; null for INFO.</param>
    private void CheckValues(FieldDefinition definition, ReadOnlySpan<byte> value, int alts, int ploidy, long line, int? sample)
    {
        if (value is [(byte)'.'] || (definition.Type == ValueKind.String && definition.Number == NumberKind.Any))
        {
            return;
        }

        var count = 0;
        var bad = -1;
        var badLength = 0;
        var outOfRange = false;
        var start = 0;
        while (true)
        {
            var comma = value[start..].IndexOf((byte)',');
            var item = comma < 0 ? value[start..] : value.Slice(start, comma);
            count++;
            if (bad < 0 && !(item is [(byte)'.']) && !IsOfType(definition.Type, item, ref outOfRange))
            {
                bad = start;
                badLength = item.Length;
            }

            if (comma < 0)
            {
                break;
            }

            start += comma + 1;
        }

        if (!CountMatches(definition, count, alts, ploidy) && Broke(sample is null ? VcfRules.InfoNumber : VcfRules.SampleNumber, line))
        {
            Say($"{Field(definition, sample)} has {count.ToString(CultureInfo.InvariantCulture)} value(s) ('{VcfRecord.Shown(value)}'); {Expected(definition, alts, ploidy)}.");
        }

        if (bad >= 0 && Broke(sample is null ? VcfRules.InfoType : VcfRules.SampleType, line))
        {
            var item = value.Slice(bad, badLength);
            Say(outOfRange
                ? $"{Field(definition, sample)} value '{VcfRecord.Shown(item)}' is outside the 32-bit Integer range VCF allows ({VcfValues.SmallestInteger.ToString(CultureInfo.InvariantCulture)} to {int.MaxValue.ToString(CultureInfo.InvariantCulture)})."
                : $"{Field(definition, sample)} value '{VcfRecord.Shown(item)}' is not {(definition.Type == ValueKind.Integer ? "an" : "a")} {definition.Type}.");
        }
    }

    private static bool IsOfType(ValueKind type, ReadOnlySpan<byte> item, ref bool outOfRange)
    {
        switch (type)
        {
            case ValueKind.Integer:
                var check = VcfValues.CheckInteger(item);
                outOfRange = check == IntegerCheck.OutOfRange;
                return check == IntegerCheck.Valid;
            case ValueKind.Float:
                return VcfValues.IsFloat(item);
            case ValueKind.Character:
                return VcfValues.IsCharacter(item);
            default:
                return true;
        }
    }

    private static bool CountMatches(FieldDefinition definition, int count, int alts, int ploidy) => definition.Number switch
    {
        NumberKind.Fixed => count == definition.Count,
        NumberKind.PerAlt => alts == 0 || count == alts,
        NumberKind.PerAllele => count == alts + 1,
        NumberKind.PerGenotype => ploidy >= 0 ? count == Genotypes(alts + 1, ploidy) : count == Genotypes(alts + 1, 2) || count == alts + 1,
        NumberKind.PerPloidy => ploidy < 0 || count == ploidy,
        _ => true,
    };

    /// <summary>Genotypes of <paramref name="ploidy"/> alleles drawn from <paramref name="alleles"/>: C(alleles + ploidy − 1, ploidy).</summary>
    internal static long Genotypes(int alleles, int ploidy)
    {
        long result = 1;
        for (var k = 1; k <= ploidy && result < int.MaxValue; k++)
        {
            result = result * (alleles + k - 1) / k;
        }

        return result;
    }

    private string Field(FieldDefinition definition, int? sample) => sample is { } index
        ? $"sample '{Shown(index < _run.Header.Samples.Length ? _run.Header.Samples[index] : (index + 1).ToString(CultureInfo.InvariantCulture))}' FORMAT key '{Shown(definition.Id)}'"
        : $"INFO key '{Shown(definition.Id)}'";

    private static string Expected(FieldDefinition definition, int alts, int ploidy)
    {
        var inv = CultureInfo.InvariantCulture;
        return definition.Number switch
        {
            NumberKind.Fixed => $"it is declared Number={definition.Count.ToString(inv)}",
            NumberKind.PerAlt => $"Number=A asks for {alts.ToString(inv)}, one per ALT allele",
            NumberKind.PerAllele => $"Number=R asks for {(alts + 1).ToString(inv)}, one per allele with REF",
            NumberKind.PerGenotype when ploidy >= 0 =>
                $"Number=G asks for {Genotypes(alts + 1, ploidy).ToString(inv)}, one per genotype of ploidy {ploidy.ToString(inv)}",
            NumberKind.PerGenotype => $"Number=G asks for {Genotypes(alts + 1, 2).ToString(inv)}, one per diploid genotype (or {(alts + 1).ToString(inv)} haploid)",
            _ => $"Number=P asks for {ploidy.ToString(inv)}, one per allele of GT",
        };
    }
}
