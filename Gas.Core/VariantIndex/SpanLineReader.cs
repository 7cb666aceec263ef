namespace Gas.Core.VariantIndex;

/// <summary>
/// Lines of a text reader as spans over one reused buffer, so a million-line VCF costs no string per line. A span is valid
/// until the next call. Lines end at <c>\n</c>; a <c>\r</c> before it is dropped.
/// </summary>
internal sealed class SpanLineReader(TextReader reader)
{
    private char[] _buffer = new char[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;

    public bool TryReadLine(out ReadOnlySpan<char> line)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf('\n');
            if (newline >= 0)
            {
                line = Trim(_buffer.AsSpan(_start, newline));
                _start += newline + 1;
                return true;
            }

            if (_eof)
            {
                if (_start < _end)
                {
                    line = Trim(_buffer.AsSpan(_start, _end - _start));
                    _start = _end;
                    return true;
                }

                line = default;
                return false;
            }

            Fill();
        }
    }

    private void Fill()
    {
        var kept = _end - _start;
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, kept);
        }
        else if (kept == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        _start = 0;
        _end = kept;
        var read = reader.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    private static ReadOnlySpan<char> Trim(ReadOnlySpan<char> line) => line is [.., '\r'] ? line[..^1] : line;
}
