using System.Buffers;
using System.Text;

namespace Gas.Annotator.Engine.Validation;

/// <summary>The value types of VCF §1.3, checked on bytes.</summary>
internal static class VcfValues
{
    /// <summary>The Integer range BCF can hold: −2³¹ to −2³¹+7 are reserved (VCF 4.3 §1.3).</summary>
    public const long SmallestInteger = int.MinValue + 8L;

    /// <summary>
    /// A Float as VCF 4.3 §1.3 spells it: <c>^[-+]?[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?$</c> or <c>^[-+]?(INF|INFINITY|NAN)$</c>,
    /// case-insensitively. Earlier versions say only "Float"; their files are held to the same spelling.
    /// </summary>
    public static bool IsFloat(ReadOnlySpan<byte> value)
    {
        var v = value is [(byte)'+' or (byte)'-', .. var unsigned] ? unsigned : value;
        if (Ascii.EqualsIgnoreCase(v, "INF"u8) || Ascii.EqualsIgnoreCase(v, "INFINITY"u8) || Ascii.EqualsIgnoreCase(v, "NAN"u8))
        {
            return true;
        }

        var i = Digits(v, 0);
        if (i < v.Length && v[i] == (byte)'.')
        {
            var fraction = Digits(v, i + 1);
            if (fraction == i + 1)
            {
                return false;   // "5." has no digit after the point
            }

            i = fraction;
        }
        else if (i == 0)
        {
            return false;
        }

        if (i < v.Length && (v[i] | 0x20) == (byte)'e')
        {
            var sign = i + 1 < v.Length && v[i + 1] is (byte)'+' or (byte)'-' ? i + 2 : i + 1;
            var exponent = Digits(v, sign);
            if (exponent == sign)
            {
                return false;
            }

            i = exponent;
        }

        return i == v.Length;
    }

    /// <summary>An Integer: <c>^[-+]?[0-9]+$</c>, 32-bit, not one of the eight values BCF reserves.</summary>
    public static IntegerCheck CheckInteger(ReadOnlySpan<byte> value)
    {
        var negative = value is [(byte)'-', ..];
        var digits = value is [(byte)'+' or (byte)'-', .. var rest] ? rest : value;
        if (digits.IsEmpty || Digits(digits, 0) != digits.Length)
        {
            return IntegerCheck.NotAnInteger;
        }

        var start = digits.IndexOfAnyExcept((byte)'0');
        if (start < 0)
        {
            return IntegerCheck.Valid;
        }

        if (digits.Length - start > 10)
        {
            return IntegerCheck.OutOfRange;
        }

        long magnitude = 0;
        foreach (var d in digits[start..])
        {
            magnitude = magnitude * 10 + (d - '0');
        }

        var number = negative ? -magnitude : magnitude;
        return number is >= SmallestInteger and <= int.MaxValue ? IntegerCheck.Valid : IntegerCheck.OutOfRange;
    }

    /// <summary>A Character: one character (a UTF-8 sequence of one code point).</summary>
    public static bool IsCharacter(ReadOnlySpan<byte> value) =>
        value.Length == 1 || (Rune.DecodeFromUtf8(value, out _, out var used) == OperationStatus.Done && used == value.Length);

    private static int Digits(ReadOnlySpan<byte> v, int from)
    {
        var end = from;
        while (end < v.Length && (uint)(v[end] - '0') <= 9)
        {
            end++;
        }

        return end;
    }
}

/// <summary>What <see cref="VcfValues.CheckInteger"/> found.</summary>
internal enum IntegerCheck
{
    Valid,
    NotAnInteger,
    OutOfRange,
}
