using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Gas.Annotator.Engine.Reference;

/// <summary>
/// The binary layout of the index cache. A fixed header (magic, version, payload length, XxHash3 of the payload) guards a
/// payload that opens with the tables' fingerprint, the sources, contig lengths and counts, then a string table with
/// offsets (each string decoded when first asked for) and one self-contained block per chromosome, decoded on first use.
/// A process that annotates a few variants so pays for the chromosomes it touches, not for the whole genome; a file that
/// is truncated, altered or of another version fails the header check and is rebuilt, never trusted.
/// </summary>
internal static partial class ReferenceCacheFormat
{
    public const int Version = 5;
    private const int Magic = 0x58444947; // "GIDX"
    private const int HeaderBytes = 24;

    public static void Write(Stream file, string fingerprint, ReferenceData data)
    {
        using var payload = new MemoryStream();
        using (var w = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(fingerprint);
            w.Write(data.Sources.Count);
            foreach (var s in data.Sources)
            {
                w.Write(s.Kind);
                w.Write(s.FileName);
                w.Write(s.Records);
            }

            w.Write(data.ContigLengths.Count);
            foreach (var (name, length) in data.ContigLengths)
            {
                w.Write(name);
                w.Write(length);
            }

            w.Write(data.TranscriptCount);
            w.Write(data.GeneCount);
            w.Write(data.HasCytoBands);
            w.Write(data.HasGwas);
            w.Write(data.HasDbSnp);

            var strings = new StringIds();
            var blocks = data.Chromosomes.Values.Select(c => (c.Name, Block: WriteChromosome(c, strings))).ToList();
            strings.Write(w);
            w.Write(blocks.Count);
            foreach (var (name, block) in blocks)
            {
                w.Write(name);
                w.Write(block.Length);
            }

            foreach (var (_, block) in blocks)
            {
                w.Write(block);
            }
        }

        Span<byte> header = stackalloc byte[HeaderBytes];
        BinaryPrimitives.WriteInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], Version);
        BinaryPrimitives.WriteInt64LittleEndian(header[8..], payload.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(header[16..], XxHash3.HashToUInt64(payload.GetBuffer().AsSpan(0, (int)payload.Length)));
        file.Write(header);
        file.Write(payload.GetBuffer(), 0, (int)payload.Length);
    }

    /// <summary>
    /// The reference in a cache file's bytes, or null when it was made from other tables (another fingerprint).
    /// Throws <see cref="InvalidDataException"/> when the file is not a whole, unaltered cache of this version.
    /// </summary>
    public static ReferenceData? Read(byte[] file, string fingerprint)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new InvalidDataException("The index cache is little-endian.");
        }

        if (file.Length < HeaderBytes
            || BinaryPrimitives.ReadInt32LittleEndian(file) != Magic
            || BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(4)) != Version
            || BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(8)) != file.Length - HeaderBytes
            || BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(16)) != XxHash3.HashToUInt64(file.AsSpan(HeaderBytes)))
        {
            throw new InvalidDataException("The index cache is truncated, altered or of another version.");
        }

        using var r = new BinaryReader(new MemoryStream(file, HeaderBytes, file.Length - HeaderBytes, writable: false), Encoding.UTF8);
        if (r.ReadString() != fingerprint)
        {
            return null;
        }

        var sources = new ReferenceSource[r.ReadInt32()];
        for (var i = 0; i < sources.Length; i++)
        {
            sources[i] = new ReferenceSource(r.ReadString(), r.ReadString(), r.ReadInt64());
        }

        var lengths = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            lengths[r.ReadString()] = r.ReadInt64();
        }

        var counts = new ReferenceCounts(r.ReadInt32(), r.ReadInt32(), r.ReadBoolean(), r.ReadBoolean(), r.ReadBoolean());
        var strings = StringTable.Read(r, file, HeaderBytes);
        var names = new string[r.ReadInt32()];
        var sizes = new int[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = r.ReadString();
            sizes[i] = r.ReadInt32();
        }

        var offset = HeaderBytes + (int)r.BaseStream.Position;
        var blocks = new (int Offset, int Length)[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            blocks[i] = (offset, sizes[i]);
            offset += sizes[i];
        }

        if (offset != file.Length)
        {
            throw new InvalidDataException("The index cache's chromosome blocks do not fill the file.");
        }

        var chromosomes = new LazyChromosomes(names, i => ReadChromosome(names[i], file, blocks[i].Offset, blocks[i].Length, strings));
        return new ReferenceData(chromosomes, sources, lengths, counts);
    }
}
