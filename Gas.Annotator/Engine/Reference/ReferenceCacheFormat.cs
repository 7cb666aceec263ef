namespace Gas.Annotator.Engine.Reference;

/// <summary>The binary layout of the index cache: strings once in a table, then flat integer arrays per chromosome.</summary>
internal static class ReferenceCacheFormat
{
    public static void Write(BinaryWriter w, ReferenceData data)
    {
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

        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        var table = new List<string>();
        int Id(string s)
        {
            if (!strings.TryGetValue(s, out var id))
            {
                strings[s] = id = table.Count;
                table.Add(s);
            }

            return id;
        }

        foreach (var c in data.Chromosomes.Values)
        {
            foreach (var t in c.Transcripts)
            {
                Id(t.Name);
                Id(t.Gene);
            }

            foreach (var b in c.Bands)
            {
                Id(b.Name);
            }

            foreach (var g in c.GwasTraits)
            {
                Id(g);
            }
        }

        w.Write(table.Count);
        foreach (var s in table)
        {
            w.Write(s);
        }

        w.Write(data.Chromosomes.Count);
        foreach (var c in data.Chromosomes.Values)
        {
            w.Write(c.Name);
            w.Write(c.Transcripts.Length);
            foreach (var t in c.Transcripts)
            {
                w.Write(Id(t.Name));
                w.Write(Id(t.Gene));
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
                w.Write(Id(b.Name));
            }

            WriteInts(w, c.GwasPositions);
            foreach (var g in c.GwasTraits)
            {
                w.Write(Id(g));
            }

            WriteInts(w, c.SnpPositions);
            WriteInts(w, c.SnpRs);
            WriteInts(w, c.SnpKeys);
        }
    }

    public static ReferenceData Read(BinaryReader r)
    {
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

        var table = new string[r.ReadInt32()];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = r.ReadString();
        }

        var chromosomes = new Dictionary<string, ChromosomeIndex>(StringComparer.Ordinal);
        for (var n = r.ReadInt32(); n > 0; n--)
        {
            var name = r.ReadString();
            var transcripts = new Transcript[r.ReadInt32()];
            for (var i = 0; i < transcripts.Length; i++)
            {
                var tName = table[r.ReadInt32()];
                var gene = table[r.ReadInt32()];
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
                bands[i] = new CytoBand(r.ReadInt32(), r.ReadInt32(), table[r.ReadInt32()]);
            }

            var gwasPositions = ReadInts(r);
            var gwasTraits = new string[gwasPositions.Length];
            for (var i = 0; i < gwasTraits.Length; i++)
            {
                gwasTraits[i] = table[r.ReadInt32()];
            }

            chromosomes[name] = new ChromosomeIndex(name, transcripts, bins, bands, gwasPositions, gwasTraits, ReadInts(r), ReadInts(r), ReadInts(r));
        }

        return new ReferenceData(chromosomes, sources, lengths);
    }

    private static void WriteInts(BinaryWriter w, int[] values)
    {
        w.Write(values.Length);
        foreach (var v in values)
        {
            w.Write(v);
        }
    }

    private static int[] ReadInts(BinaryReader r)
    {
        var values = new int[r.ReadInt32()];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan());
        r.BaseStream.ReadExactly(bytes);
        if (!BitConverter.IsLittleEndian)
        {
            throw new InvalidDataException("The index cache is little-endian.");
        }

        return values;
    }
}
