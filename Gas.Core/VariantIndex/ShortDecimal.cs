namespace Gas.Core.VariantIndex;

/// <summary>
/// A short decimal ("50", "29.7") read from UTF-8 without the general parser: digits with at most one '.' among them, worth
/// less than 10^15 as an integer and at most 15 after the point. The digits and the power of ten are then both exact
/// doubles, so one division gives the correctly rounded value, the one <see cref="double.Parse(string)"/> gives; anything
/// else (signs, exponents, long fractions) is left to the parser.
/// </summary>
internal static class ShortDecimal
{
    private static readonly double[] _powersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    public static bool TryParse(ReadOnlySpan<byte> utf8, out double value)
    {
        value = 0;
        // one pass: digits, and at most one '.' among them; at most 18 digits cannot overflow a long, and the value is
        // checked against 10^15 after
        long digits = 0;
        var count = 0;
        var dot = -1;
        for (var i = 0; i < utf8.Length; i++)
        {
            var d = (uint)(utf8[i] - '0');
            if (d <= 9 && ++count <= 18)
            {
                digits = digits * 10 + d;
            }
            else if (utf8[i] == '.' && dot < 0)
            {
                dot = i;
            }
            else
            {
                return false;
            }
        }

        var fraction = dot < 0 ? 0 : utf8.Length - dot - 1;
        if (count == 0 || fraction >= _powersOfTen.Length || digits >= 1_000_000_000_000_000)
        {
            return false;
        }

        value = fraction > 0 ? digits / _powersOfTen[fraction] : digits;
        return true;
    }
}
