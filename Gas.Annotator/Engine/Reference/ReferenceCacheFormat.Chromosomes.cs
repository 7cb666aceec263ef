using System.Runtime.InteropServices;
using System.Text;

namespace Gas.Annotator.Engine.Reference;

/// <summary>One chromosome's block and the string table its blocks point into.</summary>
internal static partial class ReferenceCacheFormat
{
    private static byte[] WriteChromosome(ChromosomeIndex c, StringIds strings)
    {
        using var block = new MemoryStream();
        using var w = new BinaryWriter(block, Encoding.UTF8);
        w.Write(c.Transcripts.Length);
        foreach (var t in c.Transcripts)
        {
            w.Write(strings.Id(t.Name));
            w.Write(strings.Id(t.Gene));
            w.Write(t.Forward);
            w.Write(t.TxStart);
            w.Write(t.TxEnd);
            w.Write(t.CdsStart);
            w.Write(t.CdsEnd);
            WriteInts(w, t.ExonStarts);
            WriteInts(w, t.ExonEnds);
        }

        w.Write(c.AnnovarBins.Length);
        foreach (var b in c.AnnovarBins)
        {
            w.Write(b);
        }

        w.Write(c.Bands.Length);
        foreach (var b in c.Bands)
        {
            w.Write(b.Start);
            w.Write(b.End);
            w.Write(strings.Id(b.Name));
        }

        WriteInts(w, c.GwasPositions);
        foreach (var g in c.GwasTraits)
        {
            w.Write(strings.Id(g));
        }

        WriteInts(w, c.SnpPositions);
        WriteInts(w, c.SnpRs);
        WriteInts(w, c.SnpKeys);
        w.Flush();
        return block.ToArray();
    }

    private static ChromosomeIndex ReadChromosome(string name, byte[] file, int offset, int length, StringTable strings)
    {
        using var r = new BinaryReader(new MemoryStream(file, offset, length, writable: false), Encoding.UTF8);
        var transcripts = new Transcript[r.ReadInt32()];
        for (var i = 0; i < transcripts.Length; i++)
        {
            var tName = strings[r.ReadInt32()];
            var gene = strings[r.ReadInt32()];
            var forward = r.ReadBoolean();
            int txStart = r.ReadInt32(), txEnd = r.ReadInt32(), cdsStart = r.ReadInt32(), cdsEnd = r.ReadInt32();
            transcripts[i] = new Transcript(tName, gene, forward, txStart, txEnd, cdsStart, cdsEnd, ReadInts(r), ReadInts(r));
        }

        var bins = new bool[r.ReadInt32()];
        for (var i = 0; i < bins.Length; i++)
        {
            bins[i] = r.ReadBoolean();
        }

        var bands = new CytoBand[r.ReadInt32()];
        for (var i = 0; i < bands.Length; i++)
        {
            bands[i] = new CytoBand(r.ReadInt32(), r.ReadInt32(), strings[r.ReadInt32()]);
        }

        var gwasPositions = ReadInts(r);
        var gwasTraits = new string[gwasPositions.Length];
        for (var i = 0; i < gwasTraits.Length; i++)
        {
            gwasTraits[i] = strings[r.ReadInt32()];
        }

        var index = new ChromosomeIndex(name, transcripts, bins, bands, gwasPositions, gwasTraits, ReadInts(r), ReadInts(r), ReadInts(r));
        if (r.BaseStream.Position != length)
        {
            throw new InvalidDataException($"The index cache's block for chromosome {name} has {length - r.BaseStream.Position} bytes left over.");
        }

        return index;
    }

    private static void WriteInts(BinaryWriter w, int[] values)
    {
        w.Write(values.Length);
        w.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static int[] ReadInts(BinaryReader r)
    {
        var values = new int[r.ReadInt32()];
        r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    /// <summary>Numbers each distinct string once, in first-use order, for the writer.</summary>
    private sealed class StringIds
    {
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
        private readonly List<string> _strings = [];

        public int Id(string s)
        {
            if (!_ids.TryGetValue(s, out var id))
            {
                _ids[s] = id = _strings.Count;
                _strings.Add(s);
            }

            return id;
        }

        /// <summary>The count, the UTF-8 offsets (one more than the count), then the UTF-8 bytes of all strings.</summary>
        public void Write(BinaryWriter w)
        {
            var bytes = _strings.Select(Encoding.UTF8.GetBytes).ToList();
            w.Write(bytes.Count);
            var offset = 0;
            w.Write(offset);
            foreach (var b in bytes)
            {
                w.Write(offset += b.Length);
            }

            foreach (var b in bytes)
            {
                w.Write(b);
            }
        }
    }

    /// <summary>The strings of a cache file, each decoded when first asked for and then kept (one instance per id, on any thread).</summary>
    private sealed class StringTable(byte[] file, int blobStart, int[] offsets)
    {
        private readonly string?[] _decoded = new string?[offsets.Length - 1];

        public static StringTable Read(BinaryReader r, byte[] file, int payloadStart)
        {
            var count = r.ReadInt32();
            var offsets = ReadOffsets(r, count + 1);
            var blobStart = payloadStart + (int)r.BaseStream.Position;
            if (offsets[0] != 0 || offsets[^1] < 0 || blobStart + (long)offsets[^1] > file.Length)
            {
                throw new InvalidDataException("The index cache's string table does not fit the file.");
            }

            for (var i = 1; i < offsets.Length; i++)
            {
                if (offsets[i] < offsets[i - 1])
                {
                    throw new InvalidDataException("The index cache's string table is out of order.");
                }
            }

            r.BaseStream.Seek(offsets[^1], SeekOrigin.Current);
            return new StringTable(file, blobStart, offsets);
        }

        public string this[int id]
        {
            get
            {
                if (_decoded[id] is { } known)
                {
                    return known;
                }

                var text = Encoding.UTF8.GetString(file, blobStart + offsets[id], offsets[id + 1] - offsets[id]);
                return Interlocked.CompareExchange(ref _decoded[id], text, null) ?? text;
            }
        }

        private static int[] ReadOffsets(BinaryReader r, int count)
        {
            if (count <= 0 || count > (r.BaseStream.Length - r.BaseStream.Position) / sizeof(int))
            {
                throw new InvalidDataException("The index cache's string table has an impossible size.");
            }

            var values = new int[count];
            r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
            return values;
        }
    }
}
