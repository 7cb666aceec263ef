using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Gas.Tests.Engine;

/// <summary>Awkward and malformed inputs, made in code: compressed, cut, re-encoded, oversized.</summary>
internal static class InputFiles
{
    /// <summary>The empty block bgzip ends every file with (SAM/BAM specification §4.1.2), written out from the specification.</summary>
    public static readonly byte[] BgzfEndOfFile =
        [0x1f, 0x8b, 0x08, 0x04, 0, 0, 0, 0, 0, 0xff, 0x06, 0, 0x42, 0x43, 0x02, 0, 0x1b, 0, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A VCF of the eight fixed columns whose records are made by <paramref name="record"/> (0-based index).</summary>
    public static string Vcf(int records, Func<int, string> record)
    {
        var text = new StringBuilder("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
        for (var i = 0; i < records; i++)
        {
            text.Append(record(i)).Append('\n');
        }

        return text.ToString();
    }

    public static byte[] Gzip(byte[] data, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, level, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// BGZF as bgzip writes it: blocks of at most 64 KB of text, each a gzip member whose header carries the 'BC' extra field
    /// with the block's size, then (unless cut) the end-of-file block. <paramref name="blockEnds"/> are the offsets after each data block.
    /// </summary>
    public static byte[] Bgzf(byte[] data, out List<int> blockEnds, bool endOfFile = true, int blockBytes = 60_000)
    {
        using var file = new MemoryStream();
        blockEnds = [];
        for (var start = 0; start < data.Length; start += blockBytes)
        {
            var member = Gzip(data[start..Math.Min(data.Length, start + blockBytes)]);
            var block = new byte[member.Length + 8];
            member.AsSpan(0, 10).CopyTo(block);
            block[3] |= 4;                                                  // FLG.FEXTRA
            BinaryPrimitives.WriteUInt16LittleEndian(block.AsSpan(10), 6);  // XLEN
            block[12] = (byte)'B';
            block[13] = (byte)'C';
            BinaryPrimitives.WriteUInt16LittleEndian(block.AsSpan(14), 2);  // SLEN
            BinaryPrimitives.WriteUInt16LittleEndian(block.AsSpan(16), (ushort)(block.Length - 1));
            member.AsSpan(10).CopyTo(block.AsSpan(18));
            file.Write(block);
            blockEnds.Add((int)file.Length);
        }

        if (endOfFile)
        {
            file.Write(BgzfEndOfFile);
        }

        return file.ToArray();
    }

    /// <summary>
    /// Two gzip members, the first with a bad CRC-32, the second far larger than GZipStream reads ahead, so the damage lies
    /// plainly inside the file rather than at its end.
    /// </summary>
    public static byte[] GzipWithABadChecksumInside(string firstPart)
    {
        var first = Gzip(Utf8(firstPart));
        first[^6] ^= 0xFF;      // a byte of the first member's CRC-32
        var rest = Utf8(string.Concat(Enumerable.Range(0, 50_000).Select(i => $"2\t{10_000 + i}\t.\tA\tG\t.\t.\tDP={i}\n")));
        return [.. first, .. Gzip(rest)];
    }

    public static byte[] Utf16(string text, bool bigEndian, bool byteOrderMark)
    {
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark);
        return [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];
    }
}

/// <summary>
/// A seekable VCF that never ends: a header, then the same record for ever (or, given other text, any start repeating its
/// tail for ever). Only cancellation or a limit stops an engine reading it; <see cref="ReadPastOneMegabyte"/> tells when the
/// engine is well into it.
/// </summary>
/// <param name="start">What the stream begins with; a whole VCF header by default.</param>
/// <param name="repeated">What follows for ever; one record by default.</param>
internal sealed class EndlessVcf(string start = "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n",
    string repeated = "1\t10300\t.\tA\tG\t.\t.\t.\n") : Stream
{
    private readonly byte[] _header = Encoding.UTF8.GetBytes(start);
    private readonly byte[] _record = Encoding.UTF8.GetBytes(repeated);

    public TaskCompletionSource ReadPastOneMegabyte { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => long.MaxValue;
    public override long Position { get; set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        for (var i = 0; i < count; i++, Position++)
        {
            buffer[offset + i] = Position < _header.Length ? _header[Position] : _record[(Position - _header.Length) % _record.Length];
        }

        if (Position > 1 << 20)
        {
            ReadPastOneMegabyte.TrySetResult();
        }

        return count;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => Position + offset,
        _ => throw new NotSupportedException("an endless stream has no end to seek from"),
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
