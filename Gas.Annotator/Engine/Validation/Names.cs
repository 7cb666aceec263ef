using System.Buffers;

namespace Gas.Annotator.Engine.Validation;

/// <summary>The naming rules: contig names (§1.4.7, SAM's reference names from 4.3) and INFO/FORMAT keys (§1.6.1, from 4.3).</summary>
internal static class Names
{
    private static readonly SearchValues<byte> _contigFirst = SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&+./:;?@^_|~-"u8);
    private static readonly SearchValues<byte> _contigRest = SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&*+./:;=?@^_|~-"u8);
    private static readonly SearchValues<byte> _keyFirst = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_"u8);
    private static readonly SearchValues<byte> _keyRest = SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_."u8);
    private static readonly SearchValues<byte> _whitespace = SearchValues.Create(" \t\v\f\r\n"u8);

    /// <summary>Why a contig name (an ##contig ID, or CHROM with <paramref name="isChrom"/>) breaks the version's rules; null when it does not.</summary>
    public static string? ContigProblem(ReadOnlySpan<byte> name, VcfVersion version, bool isChrom)
    {
        if (isChrom && name is [(byte)'<', .., (byte)'>'])
        {
            return null;    // an angle-bracketed ID pointing into the ##assembly file (§1.6.1 CHROM)
        }

        if (!version.Strict)
        {
            return name.IndexOfAny(_whitespace) >= 0 ? "has whitespace"
                : name.IndexOf((byte)':') >= 0 ? $"has ':', which {version.Rules} does not allow in contig names (VCF 4.3 does)"
                : null;
        }

        if (name.IsEmpty)
        {
            return "is empty";
        }

        if (!_contigFirst.Contains(name[0]))
        {
            return $"starts with '{(char)name[0]}', which VCF 4.3 does not allow at the start of a contig name";
        }

        var bad = name.IndexOfAnyExcept(_contigRest);
        return bad < 0 ? null : $"has '{(name[bad] < 0x80 ? ((char)name[bad]).ToString() : "non-ASCII text")}', which VCF 4.3 does not allow in contig names";
    }

    /// <summary>An INFO or FORMAT key as VCF 4.3 names them: <c>^([A-Za-z_][0-9A-Za-z_.]*|1000G)$</c>.</summary>
    public static bool IsKey(ReadOnlySpan<byte> key) =>
        (key.Length > 0 && _keyFirst.Contains(key[0]) && key[1..].IndexOfAnyExcept(_keyRest) < 0) || key.SequenceEqual("1000G"u8);

    public static bool HasWhitespace(ReadOnlySpan<byte> text) => text.IndexOfAny(_whitespace) >= 0;
}
