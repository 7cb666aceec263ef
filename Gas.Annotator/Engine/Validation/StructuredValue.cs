namespace Gas.Annotator.Engine.Validation;

/// <summary>One <c>key=value</c> field of a structured meta line; <see cref="Quoted"/> when its value was in double quotes.</summary>
internal readonly record struct MetaField(string Key, string Value, bool Quoted);

/// <summary>
/// Reads the value of a structured meta line, <c>&lt;ID=DP,Number=1,Type=Integer,Description="Total depth"&gt;</c>: fields
/// separated by commas, values plain, in double quotes (with <c>\"</c> and <c>\\</c> escapes) or in square brackets (##META's
/// <c>Values=[a, b]</c>).
/// </summary>
internal static class StructuredValue
{
    /// <summary>The fields, or null with <paramref name="problem"/> saying what is malformed.</summary>
    public static List<MetaField>? Parse(string value, out string? problem)
    {
        problem = null;
        if (!value.EndsWith('>'))
        {
            problem = "a structured value '<…>' does not end with '>'";
            return null;
        }

        var fields = new List<MetaField>();
        var text = value.AsSpan(1, value.Length - 2);
        var i = 0;
        while (i < text.Length)
        {
            var equals = text[i..].IndexOfAny('=', ',');
            if (equals <= 0 || text[i + equals] != '=')
            {
                problem = $"field '{Shown(text[i..])}' is not key=value";
                return null;
            }

            var key = text.Slice(i, equals).Trim().ToString();
            i += equals + 1;
            if (i < text.Length && text[i] == '"')
            {
                if (!ReadQuoted(text, ref i, out var quoted))
                {
                    problem = $"the quoted value of '{key}' is not closed";
                    return null;
                }

                fields.Add(new MetaField(key, quoted, true));
            }
            else
            {
                var end = i < text.Length && text[i] == '[' ? Closing(text, i) : i + Until(text[i..], ',');
                if (end < 0)
                {
                    problem = $"the bracketed value of '{key}' is not closed";
                    return null;
                }

                fields.Add(new MetaField(key, text[i..end].ToString(), false));
                i = end;
            }

            if (i < text.Length)
            {
                if (text[i] != ',')
                {
                    problem = $"text after the value of '{key}' before the next ','";
                    return null;
                }

                i++;
                if (i == text.Length)
                {
                    problem = "a ',' ends the field list";
                    return null;
                }
            }
        }

        return fields;
    }

    private static bool ReadQuoted(ReadOnlySpan<char> text, ref int i, out string value)
    {
        var builder = new System.Text.StringBuilder();
        for (var j = i + 1; j < text.Length; j++)
        {
            if (text[j] == '\\' && j + 1 < text.Length)
            {
                builder.Append(text[++j]);
            }
            else if (text[j] == '"')
            {
                i = j + 1;
                value = builder.ToString();
                return true;
            }
            else
            {
                builder.Append(text[j]);
            }
        }

        value = "";
        return false;
    }

    private static int Closing(ReadOnlySpan<char> text, int open)
    {
        var close = text[open..].IndexOf(']');
        return close < 0 ? -1 : open + close + 1;
    }

    private static int Until(ReadOnlySpan<char> text, char c)
    {
        var at = text.IndexOf(c);
        return at < 0 ? text.Length : at;
    }

    private static string Shown(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : text[..40].ToString() + "…";
}
