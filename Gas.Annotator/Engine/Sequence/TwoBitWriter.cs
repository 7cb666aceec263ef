using System.Buffers.Binary;
using System.Text;

namespace Gas.Annotator.Engine.Sequence;

/// <summary>One sequence to write: its length, N blocks and soft-mask blocks (0-based, end exclusive) and, on demand, its packed bases.</summary>
/// <param name="Pack">Returns (length+3)/4 bytes, four bases a byte, first base in the high bits (T=0, C=1, A=2, G=3); called once, when written.</param>
public sealed record TwoBitRecord(
    string Name, long Length, IReadOnlyList<(long Start, long End)> NBlocks, IReadOnlyList<(long Start, long End)> MaskBlocks, Func<byte[]> Pack);

/// <summary>
/// Writes UCSC <c>.2bit</c> files (version 0, or 1 with 64-bit offsets; either byte order) from the format's public description:
/// for the benchmark's synthetic genome and for tests. Runs of zero bytes in the packed bases are left as holes, so a
/// mostly-N genome stays small on disk.
/// </summary>
public static class TwoBitWriter
{
    /// <summary>Writes sequences given as text: A/C/G/T (either case; lower case is soft-masked), N (and anything else) as N blocks.</summary>
    public static void Write(string path, IEnumerable<(string Name, string Bases)> sequences, int version = 0, bool bigEndian = false) =>
        Write(path, sequences.Select(s => FromText(s.Name, s.Bases)).ToList(), version, bigEndian);

    public static void Write(string path, IReadOnlyList<TwoBitRecord> records, int version = 0, bool bigEndian = false)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(version, 1);
        var offsetSize = version == 1 ? 8 : 4;
        long position = 16 + records.Sum(r => 1 + Encoding.ASCII.GetByteCount(r.Name) + offsetSize);
        var offsets = new List<long>();
        foreach (var r in records)
        {
            offsets.Add(position);
            position += 8 + r.NBlocks.Count * 8L + 4 + r.MaskBlocks.Count * 8L + 4 + (r.Length + 3) / 4;
        }

        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var word = new byte[8];
        void UInt32(long value)
        {
            if (bigEndian)
            {
                BinaryPrimitives.WriteUInt32BigEndian(word, checked((uint)value));
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(word, checked((uint)value));
            }

            file.Write(word, 0, 4);
        }

        UInt32(0x1A412743);
        UInt32(version);
        UInt32(records.Count);
        UInt32(0);
        for (var i = 0; i < records.Count; i++)
        {
            var name = Encoding.ASCII.GetBytes(records[i].Name);
            file.WriteByte(checked((byte)name.Length));
            file.Write(name);
            if (version == 1)
            {
                if (bigEndian)
                {
                    BinaryPrimitives.WriteUInt64BigEndian(word, (ulong)offsets[i]);
                }
                else
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(word, (ulong)offsets[i]);
                }

                file.Write(word, 0, 8);
            }
            else
            {
                UInt32(offsets[i]);
            }
        }

        foreach (var r in records)
        {
            UInt32(r.Length);
            UInt32(r.NBlocks.Count);
            foreach (var (start, _) in r.NBlocks)
            {
                UInt32(start);
            }

            foreach (var (start, end) in r.NBlocks)
            {
                UInt32(end - start);
            }

            UInt32(r.MaskBlocks.Count);
            foreach (var (start, _) in r.MaskBlocks)
            {
                UInt32(start);
            }

            foreach (var (start, end) in r.MaskBlocks)
            {
                UInt32(end - start);
            }

            UInt32(0);
            WriteSparse(file, r.Pack());
        }

        file.SetLength(position);
    }

    /// <summary>The 2-bit code of a base (T=0, C=1, A=2, G=3); anything else packs as T, as UCSC does under an N block.</summary>
    public static int Code(char b) => char.ToUpperInvariant(b) switch
    {
        'C' => 1,
        'A' => 2,
        'G' => 3,
        _ => 0,
    };

    private static TwoBitRecord FromText(string name, string bases)
    {
        var packed = new byte[(bases.Length + 3) / 4];
        for (var i = 0; i < bases.Length; i++)
        {
            packed[i / 4] |= (byte)(Code(bases[i]) << (6 - (i % 4) * 2));
        }

        return new TwoBitRecord(name, bases.Length, Runs(bases, c => "ACGTacgt".IndexOf(c, StringComparison.Ordinal) < 0), Runs(bases, char.IsLower), () => packed);
    }

    private static List<(long, long)> Runs(string bases, Func<char, bool> inRun)
    {
        var runs = new List<(long, long)>();
        for (var i = 0; i < bases.Length; i++)
        {
            if (!inRun(bases[i]))
            {
                continue;
            }

            var start = i;
            while (i < bases.Length && inRun(bases[i]))
            {
                i++;
            }

            runs.Add((start, i));
        }

        return runs;
    }

    private static void WriteSparse(FileStream file, byte[] packed)
    {
        const int Chunk = 1 << 12;
        for (var at = 0; at < packed.Length; at += Chunk)
        {
            var length = Math.Min(Chunk, packed.Length - at);
            var chunk = packed.AsSpan(at, length);
            if (chunk.IndexOfAnyExcept((byte)0) < 0)
            {
                file.Seek(length, SeekOrigin.Current);
            }
            else
            {
                file.Write(chunk);
            }
        }
    }
}
