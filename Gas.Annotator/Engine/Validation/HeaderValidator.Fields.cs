using System.Globalization;

namespace Gas.Annotator.Engine.Validation;

/// <summary>##INFO and ##FORMAT declarations: Number, Type, Description, the key's name (§1.4.2, §1.4.4).</summary>
internal sealed partial class HeaderValidator
{
    private static readonly string[] _requiredFieldKeys = ["Number", "Type", "Description"];

    private void Field(string key, string id, List<MetaField> fields, long lineNumber)
    {
        var missing = _requiredFieldKeys.Where(name => !fields.Exists(f => f.Key == name)).ToArray();
        if (missing.Length > 0)
        {
            Warn(VcfRules.MetaRequiredFields, lineNumber, $"##{key} ID '{Shown(id)}' has no {string.Join(" or ", missing)}.");
        }

        if (Version.Strict && !Names.IsKey(System.Text.Encoding.Latin1.GetBytes(id)))
        {
            Warn(VcfRules.MetaKeyName, lineNumber, $"##{key} ID '{Shown(id)}' is not a valid key name ([A-Za-z_][0-9A-Za-z_.]*).");
        }

        var (number, count) = Number(key, id, fields.Find(f => f.Key == "Number").Value, lineNumber);
        var declaredType = fields.Find(f => f.Key == "Type").Value;
        var type = Type(key, id, declaredType, lineNumber);
        var noValue = number == NumberKind.Fixed && count == 0;
        if (declaredType == "Flag" && !noValue)
        {
            Warn(VcfRules.MetaFlagNumber, lineNumber, $"##{key} ID '{Shown(id)}' is a Flag, so its Number is 0.");
        }
        else if (declaredType is not (null or "Flag") && noValue)
        {
            Warn(VcfRules.MetaFlagNumber, lineNumber, $"##{key} ID '{Shown(id)}' has Number=0 but Type={Shown(declaredType)}; only a Flag has no value.");
        }

        foreach (var field in fields.Where(f => f.Key is "Description" or "Source" or "Version" && !f.Quoted))
        {
            Warn(VcfRules.MetaDescription, lineNumber, $"the {field.Key} of ##{key} ID '{Shown(id)}' is not in double quotes.");
        }

        if (key == "INFO")
        {
            Definitions.AddInfo(id, number, count, type);
        }
        else
        {
            Definitions.AddFormat(id, number, count, type);
        }
    }

    private (NumberKind Kind, int Count) Number(string key, string id, string? number, long lineNumber)
    {
        if (number is null)
        {
            return (NumberKind.Any, 0);
        }

        if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return (NumberKind.Fixed, count);
        }

        (NumberKind Kind, int Count)? known = number switch
        {
            "A" => (NumberKind.PerAlt, 0),
            "R" when Version.HasNumberR => (NumberKind.PerAllele, 0),
            "G" => (NumberKind.PerGenotype, 0),
            "P" when Version.HasPloidyNumber => (NumberKind.PerPloidy, 0),
            "LA" or "LR" or "LG" or "M" when Version.HasLocalAlleleNumbers => (NumberKind.Any, 0),
            "." => (NumberKind.Any, 0),
            _ => null,
        };
        if (known is { } found)
        {
            return found;
        }

        var since = number switch { "R" => "VCF 4.2", "P" => "VCF 4.4", "LA" or "LR" or "LG" or "M" => "VCF 4.5", _ => null };
        Warn(VcfRules.MetaNumber, lineNumber, since is null
            ? $"##{key} ID '{Shown(id)}' has Number={Shown(number)}; Number is an integer, A, R, G or '.'."
            : $"##{key} ID '{Shown(id)}' has Number={number}, which {since} introduced; the file declares {Version.Declared}.");
        return number == "R" ? (NumberKind.PerAllele, 0) : (NumberKind.Any, 0);
    }

    private ValueKind Type(string key, string id, string? type, long lineNumber)
    {
        ValueKind? kind = type switch
        {
            "Integer" => ValueKind.Integer,
            "Float" => ValueKind.Float,
            "Flag" when key == "INFO" => ValueKind.Flag,
            "Character" => ValueKind.Character,
            "String" => ValueKind.String,
            null => ValueKind.String,
            _ => null,
        };
        if (kind is { } found)
        {
            return found;
        }

        Warn(VcfRules.MetaType, lineNumber, type == "Flag"
            ? $"##FORMAT ID '{Shown(id)}' has Type=Flag; FORMAT fields are Integer, Float, Character or String."
            : $"##{key} ID '{Shown(id)}' has Type={Shown(type!)}; Type is Integer, Float, Flag, Character or String.");
        return ValueKind.String;
    }

    /// <summary>VCF 3.x: <c>##INFO=ID,Number,Type,"Description"</c>, <c>##FILTER=ID,"Description"</c>, read without judging them.</summary>
    private void Legacy(string key, string value)
    {
        var parts = value.Split(',', 4);
        if (key == "FILTER")
        {
            Definitions.AddFilter(parts[0]);
            return;
        }

        var (number, count) = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? (NumberKind.Fixed, n)
            : (NumberKind.Any, 0);
        var type = parts.Length > 2 ? parts[2] switch
        {
            "Integer" => ValueKind.Integer,
            "Float" => ValueKind.Float,
            "Flag" => ValueKind.Flag,
            "Character" => ValueKind.Character,
            _ => ValueKind.String,
        } : ValueKind.String;
        if (key == "INFO")
        {
            Definitions.AddInfo(parts[0], number, count, type);
        }
        else
        {
            Definitions.AddFormat(parts[0], number, count, type == ValueKind.Flag ? ValueKind.String : type);
        }
    }
}
