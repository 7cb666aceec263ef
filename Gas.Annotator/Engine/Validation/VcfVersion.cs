using System.Globalization;
using System.Text.RegularExpressions;

namespace Gas.Annotator.Engine.Validation;

/// <summary>
/// The version a file declares on its <c>##fileformat</c> line, and which rules follow from it. GAS knows VCF 4.1 to 4.5; an
/// older file is checked by the 4.1 rules (a VCF 3.x file's <c>##INFO=ID,Number,Type,"Description"</c> declarations read too),
/// a newer or unreadable one by the nearest rules, with a warning saying so.
/// </summary>
internal sealed partial class VcfVersion
{
    private VcfVersion(string declared, int minor, string? unknownBecause, bool legacy)
    {
        Declared = declared;
        Minor = minor;
        UnknownBecause = unknownBecause;
        Legacy = legacy;
    }

    /// <summary>The rules applied: VCF 4.<see cref="Minor"/>.</summary>
    public int Minor { get; }

    /// <summary>What the file says, e.g. <c>VCFv4.2</c>.</summary>
    public string Declared { get; }

    /// <summary>Why the declared version is not one GAS checks by its own rules; null when it is.</summary>
    public string? UnknownBecause { get; }

    /// <summary>A VCF 3.x file: its declarations are not structured, FILTER 0 means PASS.</summary>
    public bool Legacy { get; }

    public string Rules => $"VCF 4.{Minor.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Number=R exists from 4.2.</summary>
    public bool HasNumberR => Minor >= 2;

    /// <summary>Number=P and a phase mark before GT's first allele exist from 4.4.</summary>
    public bool HasPloidyNumber => Minor >= 4;

    /// <summary>Number=LA, LR, LG and M exist from 4.5.</summary>
    public bool HasLocalAlleleNumbers => Minor >= 5;

    /// <summary>From 4.3: INFO/FORMAT key names, SAM-style contig names, spaces allowed in INFO values, IDs on every structured line.</summary>
    public bool Strict => Minor >= 3;

    /// <summary>Reads the value of the <c>##fileformat</c> line.</summary>
    public static VcfVersion Parse(string declared)
    {
        var match = VersionPattern().Match(declared);
        if (!match.Success)
        {
            return new VcfVersion(declared, 2, $"'{Shorten(declared)}' is not a VCF version GAS recognises; it is checked by the VCF 4.2 rules.", false);
        }

        var major = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var minor = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return (major, minor) switch
        {
            (4, >= 1 and <= 5) => new VcfVersion(declared, minor, null, false),
            (< 4, _) or (4, 0) => new VcfVersion(declared, 1,
                $"{declared} is older than VCF 4.1, the oldest version GAS checks; it is checked by the VCF 4.1 rules.", major < 4),
            _ => new VcfVersion(declared, 5, $"{declared} is newer than VCF 4.5, the newest version GAS checks; it is checked by the VCF 4.5 rules.", false),
        };
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex(@"^VCFv(\d{1,3})\.(\d{1,3})$")]
    private static partial Regex VersionPattern();
}
