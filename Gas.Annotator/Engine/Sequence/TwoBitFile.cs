using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;
using Gas.Annotator.Engine.Reference;
using Microsoft.Win32.SafeHandles;

namespace Gas.Annotator.Engine.Sequence;

/// <summary>
/// A genome in UCSC's <c>.2bit</c> format (<c>hg19.2bit</c>, <c>hg38.2bit</c>), read with positional reads: only the index
/// of sequence names is held in memory, each sequence's N blocks are read on first use, and bases are read where asked.
/// Both versions (0: 32-bit offsets, 1: 64-bit) and both byte orders. Safe to use from many threads at once.
/// </summary>
public sealed class TwoBitFile : IDisposable
{
    private const uint Signature = 0x1A412743;
    private static readonly byte[] _bases = "TCAG"u8.ToArray();

    private readonly SafeFileHandle _file;
    private readonly bool _swap;
    private readonly Dictionary<string, long> _offsets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<SequenceRecord>> _records = new(StringComparer.Ordinal);

    private TwoBitFile(string path, SafeFileHandle file, bool swap)
    {
        Path = path;
        _file = file;
        _swap = swap;
    }

    public string Path { get; }

    /// <summary>Sequence names as the index has them, normalized like the tables (<c>chr1</c> → <c>1</c>).</summary>
    public IReadOnlyCollection<string> Names => _offsets.Keys;

    /// <summary>Opens the file and reads its index; throws <see cref="InvalidDataException"/> when it is not a 2bit file.</summary>
    public static TwoBitFile Open(string path)
    {
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        try
        {
            Span<byte> header = stackalloc byte[16];
            if (RandomAccess.Read(file, header, 0) != 16)
            {
                throw new InvalidDataException($"{path} is too short to be a .2bit file.");
            }

            var signature = BinaryPrimitives.ReadUInt32LittleEndian(header);
            var swap = signature != Signature;
            if (swap && BinaryPrimitives.ReverseEndianness(signature) != Signature)
            {
                throw new InvalidDataException($"{path} is not a .2bit file (signature {signature:X8}).");
            }

            var twoBit = new TwoBitFile(path, file, swap);
            var version = twoBit.UInt32(header[4..]);
            if (version > 1)
            {
                throw new InvalidDataException($"{path} is .2bit version {version}; versions 0 and 1 are known.");
            }

            twoBit.ReadIndex((int)twoBit.UInt32(header[8..]), version == 1);
            return twoBit;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public bool Contains(string normalizedName) => _offsets.ContainsKey(normalizedName);

    /// <summary>The length of a sequence, or -1 when the file has none of that name.</summary>
    public long Length(string normalizedName) => Record(normalizedName)?.DnaSize ?? -1;

    /// <summary>
    /// Writes the bases at 1-based <paramref name="start"/> onward into <paramref name="destination"/> as upper-case ASCII
    /// (N in N blocks; soft-masking ignored). Returns how many it wrote: fewer when the sequence ends, 0 when it is unknown.
    /// </summary>
    public int Read(string normalizedName, long start, Span<byte> destination)
    {
        var record = Record(normalizedName);
        if (record is null || start < 1 || start > record.DnaSize)
        {
            return 0;
        }

        var from = start - 1;
        var count = (int)Math.Min(destination.Length, record.DnaSize - from);
        var firstByte = from / 4;
        var lastByte = (from + count - 1) / 4;
        var packedLength = (int)(lastByte - firstByte + 1);
        var packed = packedLength <= 512 ? stackalloc byte[packedLength] : new byte[packedLength];
        if (RandomAccess.Read(_file, packed, record.PackedOffset + firstByte) != packedLength)
        {
            throw new InvalidDataException($"{Path} ends inside sequence {normalizedName}.");
        }

        for (var i = 0; i < count; i++)
        {
            var position = from + i;
            var b = packed[(int)(position / 4 - firstByte)];
            destination[i] = _bases[(b >> (6 - (int)(position % 4) * 2)) & 3];
        }

        record.MaskN(from, destination[..count]);
        return count;
    }

    public void Dispose() => _file.Dispose();

    private void ReadIndex(int count, bool longOffsets)
    {
        long position = 16;
        var buffer = new byte[256 + 8];
        for (var i = 0; i < count; i++)
        {
            ReadExactly(buffer.AsSpan(0, 1), position);
            var nameSize = buffer[0];
            var entry = buffer.AsSpan(0, nameSize + (longOffsets ? 8 : 4));
            ReadExactly(entry, position + 1);
            var name = Encoding.ASCII.GetString(entry[..nameSize]);
            var offset = longOffsets ? (long)UInt64(entry[nameSize..]) : UInt32(entry[nameSize..]);
            _offsets.TryAdd(ChromosomeNames.Normalize(name), offset);
            position += 1 + entry.Length;
        }
    }

    private SequenceRecord? Record(string name) =>
        _offsets.TryGetValue(name, out var offset) ? _records.GetOrAdd(name, _ => new Lazy<SequenceRecord>(() => ReadRecord(offset))).Value : null;

    private SequenceRecord ReadRecord(long offset)
    {
        Span<byte> word = stackalloc byte[8];
        ReadExactly(word, offset);
        var dnaSize = UInt32(word);
        var nCount = (int)UInt32(word[4..]);
        var nBlocks = new byte[nCount * 8];
        ReadExactly(nBlocks, offset + 8);
        var nStarts = new long[nCount];
        var nEnds = new long[nCount];
        for (var i = 0; i < nCount; i++)
        {
            nStarts[i] = UInt32(nBlocks.AsSpan(i * 4));
            nEnds[i] = nStarts[i] + UInt32(nBlocks.AsSpan((nCount + i) * 4));
        }

        var maskAt = offset + 8 + nBlocks.Length;
        ReadExactly(word[..4], maskAt);
        var maskCount = UInt32(word);

        // mask blocks (soft-masking: lower case) make no difference to translation; skip them and the reserved word
        var packedOffset = maskAt + 4 + maskCount * 8L + 4;
        return new SequenceRecord(dnaSize, nStarts, nEnds, packedOffset);
    }

    private void ReadExactly(Span<byte> buffer, long offset)
    {
        if (RandomAccess.Read(_file, buffer, offset) != buffer.Length)
        {
            throw new InvalidDataException($"{Path} is truncated (at byte {offset}).");
        }
    }

    private uint UInt32(ReadOnlySpan<byte> bytes) =>
        _swap ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);

    private ulong UInt64(ReadOnlySpan<byte> bytes) =>
        _swap ? BinaryPrimitives.ReadUInt64BigEndian(bytes) : BinaryPrimitives.ReadUInt64LittleEndian(bytes);

    /// <summary>One sequence's size, N blocks (0-based, end exclusive, sorted) and where its packed bases begin.</summary>
    private sealed record SequenceRecord(long DnaSize, long[] NStarts, long[] NEnds, long PackedOffset)
    {
        public void MaskN(long from, Span<byte> bases)
        {
            var to = from + bases.Length;
            var i = Array.BinarySearch(NEnds, from);
            i = i < 0 ? ~i : i + 1;
            for (; i < NStarts.Length && NStarts[i] < to; i++)
            {
                var a = Math.Max(from, NStarts[i]);
                var b = Math.Min(to, NEnds[i]);
                if (b > a)
                {
                    bases.Slice((int)(a - from), (int)(b - a)).Fill((byte)'N');
                }
            }
        }
    }
}
