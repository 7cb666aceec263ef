using System.Buffers;
using System.Globalization;

namespace Gas.Annotator.Engine;

/// <summary>Whole lines of the input, <see cref="Length"/> bytes of <see cref="Buffer"/> from <see cref="Start"/>; the first is line <see cref="FirstLine"/>.</summary>
/// <remarks>The buffer is rented: whoever takes the batch returns it to <see cref="ArrayPool{T}.Shared"/>.</remarks>
internal readonly record struct LineBatch(byte[] Buffer, int Start, int Length, long FirstLine)
{
    public ReadOnlySpan<byte> Data => Buffer.AsSpan(Start, Length);
}

/// <summary>
/// Cuts the input into batches of whole lines for both engines, so they read alike: line ends normalised to '\n' (CRLF and a lone
/// CR, as old Mac tools write, both end a line), no line longer than the engine's limit, and cancellation observed on every read.
/// Memory stays within about a batch plus the longest allowed line, however the input is shaped.
/// </summary>
internal sealed class VcfLineReader : IDisposable
{
    private readonly VcfInput _input;
    private readonly int _maxLineBytes;
    private readonly int _batchBytes;
    private byte[] _buffer;
    private int _filled;
    private int _normalised;
    private long _nextLine = 1;
    private bool _end;

    /// <param name="batchBytes">Roughly how much each batch holds; a batch is never cut inside a line.</param>
    public VcfLineReader(VcfInput input, int maxLineBytes, int batchBytes)
    {
        _input = input;
        _maxLineBytes = maxLineBytes;
        _batchBytes = batchBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(batchBytes * 2);
    }

    /// <summary>Lines handed out so far.</summary>
    public long LinesRead => _nextLine - 1;

    /// <summary>The next batch of at least one whole line, or null at the end of the input.</summary>
    /// <exception cref="VcfFormatException">
    /// A line is longer than the limit; lines before it come out first, so errors are still reported in file order.
    /// </exception>
    public async ValueTask<LineBatch?> ReadBatchAsync(CancellationToken ct)
    {
        int lines = 0, wholeLines = 0, scanned = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var data = _buffer.AsSpan(0, _normalised);
            if (_normalised - wholeLines <= _maxLineBytes)
            {
                // no line from here on can be too long: count them at vector speed
                var last = data[scanned..].LastIndexOf((byte)'\n');
                if (last >= 0)
                {
                    lines += data.Slice(scanned, last + 1).Count((byte)'\n');
                    wholeLines = scanned + last + 1;
                }
            }
            else
            {
                int newline;
                while ((newline = data[scanned..].IndexOf((byte)'\n')) >= 0 && scanned + newline - wholeLines <= _maxLineBytes)
                {
                    lines++;
                    scanned += newline + 1;
                    wholeLines = scanned;
                }

                if (_normalised - wholeLines > _maxLineBytes)
                {
                    if (wholeLines > 0)
                    {
                        break;      // hand out the lines before it; the next call reports it
                    }

                    throw LineTooLong();
                }
            }

            scanned = _normalised;
            if (_end || (wholeLines > 0 && _filled >= _batchBytes))
            {
                break;
            }

            await FillAsync(ct);
        }

        if (_end && _filled > wholeLines && _filled - wholeLines <= _maxLineBytes)
        {
            lines++;                // the last line, without a final newline
            wholeLines = _filled;
        }

        if (wholeLines == 0)
        {
            return null;
        }

        var batch = new LineBatch(_buffer, 0, wholeLines, _nextLine);
        var rest = _filled - wholeLines;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(_batchBytes * 2, rest + _batchBytes));
        batch.Buffer.AsSpan(wholeLines, rest).CopyTo(_buffer);
        _filled = rest;
        _normalised -= wholeLines;
        _nextLine += lines;
        return batch;
    }

    /// <summary>The line starting at <paramref name="position"/> without its '\n'; moves <paramref name="position"/> past it.</summary>
    public static ReadOnlySpan<byte> NextLine(ReadOnlySpan<byte> data, ref int position)
    {
        var newline = data[position..].IndexOf((byte)'\n');
        var line = newline < 0 ? data[position..] : data.Slice(position, newline);
        position = newline < 0 ? data.Length : position + newline + 1;
        return line;
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);

    private VcfFormatException LineTooLong() => new(_nextLine,
        $"line longer than {_maxLineBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes, the most GAS reads in one line " +
        "(a record with very many samples may need Gas:Engine:MaxLineBytes raised).");

    private async Task FillAsync(CancellationToken ct)
    {
        if (_filled == _buffer.Length)
        {
            // only when no line ends in the buffer, so it grows to about the longest allowed line and no further
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, _filled).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = await _input.ReadAsync(_buffer.AsMemory(_filled), ct);
        _end = read == 0;
        _filled += read;
        var pending = _buffer.AsSpan(_normalised, _filled - _normalised);
        var kept = NormaliseLineEnds(pending, _end, out var waiting);
        _normalised += kept;
        _filled = _normalised + waiting;
    }

    /// <summary>
    /// Rewrites CRLF as LF and a lone CR as LF, in place; returns the bytes kept. A CR at the very end may be half of a CRLF
    /// split across reads: unless <paramref name="final"/> it is left after the kept bytes (<paramref name="waiting"/> = 1).
    /// </summary>
    internal static int NormaliseLineEnds(Span<byte> data, bool final, out int waiting)
    {
        waiting = 0;
        var cr = data.IndexOf((byte)'\r');
        if (cr < 0)
        {
            return data.Length;
        }

        var write = cr;
        var read = cr;
        while (read < data.Length)
        {
            var next = data[read..].IndexOf((byte)'\r');
            var run = next < 0 ? data.Length - read : next;
            if (write != read)
            {
                data.Slice(read, run).CopyTo(data[write..]);
            }

            write += run;
            read += run;
            if (next < 0)
            {
                break;
            }

            if (read + 1 < data.Length)
            {
                if (data[read + 1] != (byte)'\n')
                {
                    data[write++] = (byte)'\n';
                }

                read++;     // a CR before LF is dropped; the LF is copied with the next run
            }
            else if (final)
            {
                data[write++] = (byte)'\n';
                read++;
            }
            else
            {
                data[write] = (byte)'\r';
                waiting = 1;
                break;
            }
        }

        return write;
    }
}
