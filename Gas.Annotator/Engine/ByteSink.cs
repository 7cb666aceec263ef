using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Gas.Annotator.Engine;

/// <summary>A growable byte buffer the engine writes output lines into before handing them to the output stream.</summary>
internal sealed class ByteSink(int capacity)
{
    private static readonly SearchValues<char> _needsEscape = SearchValues.Create(" \t\r\n;=,");
    private byte[] _buffer = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    public void Clear() => Length = 0;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    public void Write(byte value)
    {
        Ensure(1);
        _buffer[Length++] = value;
    }

    public void Write(string text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        Length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(Length));
    }

    public void Write(long value)
    {
        Ensure(20);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(Length), out var written);
        Length += written;
    }

    /// <summary>Writes an INFO value the way table_annovar does: whitespace as '_', ';' as \x3b, '=' as \x3d (and ',' as \x2c when asked).</summary>
    public void WriteInfoValue(string value, bool escapeComma)
    {
        if (value.AsSpan().IndexOfAny(_needsEscape) < 0)
        {
            Write(value);
            return;
        }

        foreach (var c in value)
        {
            switch (c)
            {
                case ' ' or '\t' or '\r' or '\n': Write((byte)'_'); break;
                case ';': Write("\\x3b"u8); break;
                case '=': Write("\\x3d"u8); break;
                case ',' when escapeComma: Write("\\x2c"u8); break;
                default:
                    if (c < 0x80)
                    {
                        Write((byte)c);
                    }
                    else
                    {
                        Write(c.ToString());
                    }

                    break;
            }
        }
    }

    private void Ensure(int extra)
    {
        if (Length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + extra));
        }
    }
}
