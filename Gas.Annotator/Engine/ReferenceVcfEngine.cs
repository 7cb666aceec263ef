using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Gas.Annotator.Engine.Reference;

namespace Gas.Annotator.Engine;

/// <summary>
/// The reference-backed engine: streams a VCF once, byte by byte, and adds ANNOVAR-style gene annotation
/// (Func.refGene, Gene.refGene, GeneDetail.refGene), cytoBand, GWAS traits, rsIDs and a genome build check.
/// Memory stays flat: only the reference index and one read/write buffer are held.
/// </summary>
/// <param name="maxParallelism">Batches annotated at once; all cores when null.</param>
public sealed class ReferenceVcfEngine(ReferenceData reference, TimeProvider time, int? maxParallelism = null) : IAnnotationEngine
{
    public const string FuncKey = "Func.refGene";
    public const string GeneKey = "Gene.refGene";
    public const string GeneDetailKey = "GeneDetail.refGene";
    public const string CytoBandKey = "cytoBand";
    public const string GwasKey = "GAS_GWAS_TRAIT";
    public const string BuildCheckKey = "GAS_BUILD_CHECK";

    public static IReadOnlyList<string> InfoHeaders { get; } =
    [
        $"##INFO=<ID={FuncKey},Number=.,Type=String,Description=\"{FuncKey} annotation provided by GAS (ANNOVAR gene-based rules): exonic, splicing, ncRNA_*, UTR5, UTR3, intronic, upstream, downstream or intergenic\">",
        $"##INFO=<ID={GeneKey},Number=.,Type=String,Description=\"{GeneKey} annotation provided by GAS: the gene(s) behind Func.refGene\">",
        $"##INFO=<ID={GeneDetailKey},Number=.,Type=String,Description=\"{GeneDetailKey} annotation provided by GAS: transcript-level detail (UTR and splice-site HGVS, or dist= for intergenic and up/downstream)\">",
        $"##INFO=<ID={CytoBandKey},Number=.,Type=String,Description=\"{CytoBandKey} annotation provided by GAS: the cytogenetic band(s) the variant lies in\">",
        $"##INFO=<ID={GwasKey},Number=.,Type=String,Description=\"Traits the NHGRI GWAS catalog associates with this position\">",
        $"##INFO=<ID={BuildCheckKey},Number=1,Type=String,Description=\"Why the record does not fit the reference genome build: beyond_contig_end or contig_not_in_reference\">",
    ];

    public async Task<AnnotationSummary> AnnotateAsync(Stream input, Stream output, TextWriter log, CancellationToken ct = default)
    {
        var started = time.GetTimestamp();
        var source = await VcfReader.OpenBytesAsync(input, ct);
        var header = new HeaderReader(reference);
        var buffer = ArrayPool<byte>.Shared.Rent(BatchBytes * 2);
        int filled = 0, consumed = 0;
        var end = false;

        // the header, line by line, until '#CHROM'
        while (!header.Done)
        {
            (buffer, filled, consumed, end) = await FillAsync(source, buffer, filled, consumed, ct);
            consumed = header.ProcessLines(buffer.AsSpan(0, filled), end);
            if (end)
            {
                break;
            }
        }

        await output.WriteAsync(header.Output.Memory, ct);
        if (!header.Done)
        {
            throw new VcfFormatException(Math.Max(header.LineNumber, 1), "the '#CHROM' header line is missing.");
        }

        // the records, in batches of whole lines annotated on every core and written back in order
        var processors = new ConcurrentBag<RecordProcessor>();
        var allProcessors = new List<RecordProcessor>();
        var sinks = new ConcurrentBag<ByteSink>();
        var pending = new Queue<Task<ByteSink>>();
        var lineNumber = header.LineNumber;
        var parallelism = Math.Max(1, maxParallelism ?? Environment.ProcessorCount);
        try
        {
            while (true)
            {
                (buffer, filled, consumed, end) = await FillAsync(source, buffer, filled, consumed, ct);
                var data = buffer.AsSpan(0, filled);
                var last = end ? filled : data.LastIndexOf((byte)'\n') + 1;
                if (last > 0)
                {
                    var batch = buffer;
                    var batchLength = last;
                    var firstLine = lineNumber + 1;
                    lineNumber += data[..last].Count((byte)'\n') + (end && last > 0 && data[last - 1] != (byte)'\n' ? 1 : 0);
                    buffer = ArrayPool<byte>.Shared.Rent(Math.Max(BatchBytes * 2, filled - last + BatchBytes));
                    data[last..].CopyTo(buffer);
                    filled -= last;
                    consumed = 0;
                    pending.Enqueue(Task.Run(() =>
                    {
                        if (!processors.TryTake(out var processor))
                        {
                            processor = new RecordProcessor(reference, header.Columns);
                            lock (allProcessors)
                            {
                                allProcessors.Add(processor);
                            }
                        }

                        var sink = sinks.TryTake(out var pooled) ? pooled : new ByteSink(BatchBytes * 2);
                        try
                        {
                            processor.Process(batch.AsSpan(0, batchLength), firstLine, sink);
                            return sink;
                        }
                        finally
                        {
                            ArrayPool<byte>.Shared.Return(batch);
                            processors.Add(processor);
                        }
                    }, ct));
                }

                while (pending.Count > parallelism || (end && pending.Count > 0))
                {
                    var sink = await pending.Dequeue();
                    await output.WriteAsync(sink.Memory, ct);
                    sink.Clear();
                    sinks.Add(sink);
                }

                if (end)
                {
                    break;
                }
            }
        }
        finally
        {
            while (pending.Count > 0)
            {
                try
                {
                    await pending.Dequeue();
                }
                catch (Exception e) when (e is VcfFormatException or OperationCanceledException)
                {
                    // the first failure in file order has already been thrown
                }
            }

            ArrayPool<byte>.Shared.Return(buffer);
        }

        await output.FlushAsync(ct);
        var elapsed = time.GetElapsedTime(started);
        return await WriteLogAsync(header, RecordProcessor.Merge(allProcessors), elapsed, log);
    }

    private const int BatchBytes = 1 << 18;

    /// <summary>
    /// Runs a few records of every kind through the engine so that the hot path is compiled before the first job
    /// (the runtime compiles each method fully optimised on first use); a daemon calls it once at start-up.
    /// </summary>
    public void WarmUp()
    {
        var records = new StringBuilder("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n");
        foreach (var chromosome in reference.Chromosomes.Values.Where(c => c.Transcripts.Length > 0).Take(2))
        {
            foreach (var t in chromosome.Transcripts.Take(50))
            {
                foreach (var pos in new[] { t.TxStart - 500, t.TxStart, t.CdsStart, t.ExonStarts[^1] - 1, t.ExonEnds[0] + 1, (t.TxStart + t.TxEnd) / 2, t.TxEnd + 5000 })
                {
                    records.Append(CultureInfo.InvariantCulture, $"{chromosome.Name}\t{Math.Max(1, pos)}\t.\tAC\tA,ACG,T\t.\t.\tDP=1\tGT\t0/1\n");
                }
            }
        }

        using var input = new MemoryStream(Encoding.UTF8.GetBytes(records.ToString()));
        AnnotateAsync(input, Stream.Null, TextWriter.Null).GetAwaiter().GetResult();
    }

    private static async Task<(byte[] Buffer, int Filled, int Consumed, bool End)> FillAsync(
        Stream source, byte[] buffer, int filled, int consumed, CancellationToken ct)
    {
        if (consumed > 0)
        {
            Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
            filled -= consumed;
        }

        if (filled == buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            Buffer.BlockCopy(buffer, 0, larger, 0, filled);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        // fill up to a batch so that each batch is worth a thread hop
        var end = false;
        while (filled < BatchBytes && filled < buffer.Length)
        {
            var read = await source.ReadAsync(buffer.AsMemory(filled), ct);
            if (read == 0)
            {
                end = true;
                break;
            }

            filled += read;
        }

        return (buffer, filled, 0, end);
    }

    private async Task<AnnotationSummary> WriteLogAsync(HeaderReader header, RecordProcessor run, TimeSpan elapsed, TextWriter log)
    {
        var warnings = new List<string>();
        var buildWarning = header.BuildWarning;
        if (run.BeyondContigEnd > 0)
        {
            var text = $"{run.BeyondContigEnd:N0} record(s) lie beyond the end of their chromosome in {reference.Build?.ToString() ?? "the reference"}: the input was probably called on another genome build.";
            buildWarning = buildWarning is null ? text : buildWarning + " " + text;
        }

        if (buildWarning is not null)
        {
            warnings.Add(buildWarning);
        }

        foreach (var (contig, count) in run.MissingContigs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            warnings.Add(contig is "MT"
                ? $"{count:N0} record(s) on MT (the rCRS mitochondrion) have no gene annotation: the reference has no MT, and UCSC chrM is a different sequence."
                : $"{count:N0} record(s) on {contig} have no annotation: the reference has no such chromosome.");
        }

        var inv = CultureInfo.InvariantCulture;
        await log.WriteLineAsync("Engine: GAS reference annotator (ANNOVAR gene-based rules, refGene defaults)");
        await log.WriteLineAsync($"Reference build: {reference.Build?.ToString() ?? "unknown (no cytoBand table to tell)"}; {reference.TranscriptCount.ToString("N0", inv)} transcripts of {reference.GeneCount.ToString("N0", inv)} genes");
        foreach (var source in reference.Sources)
        {
            await log.WriteLineAsync($"Source {source}");
        }

        await log.WriteLineAsync($"Input build: {(header.Check.InputBuild is { } b ? $"{b} (from {header.Check.Evidence})" : "not declared")}");
        await log.WriteLineAsync($"Variants: {run.Records.ToString("N0", inv)} records, {run.Alleles.ToString("N0", inv)} alleles");
        foreach (var (func, count) in run.ClassCounts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            await log.WriteLineAsync($"  {func}: {count.ToString("N0", inv)}");
        }

        await log.WriteLineAsync($"rsIDs added: {run.RsIdsAdded.ToString("N0", inv)}; GWAS hits: {run.GwasHits.ToString("N0", inv)}; records in a cytoband: {run.BandHits.ToString("N0", inv)}");
        foreach (var warning in warnings)
        {
            await log.WriteLineAsync($"WARNING: {warning}");
        }

        var perSecond = elapsed.TotalSeconds > 0 ? run.Records / elapsed.TotalSeconds : 0;
        await log.WriteLineAsync($"Elapsed: {elapsed.TotalSeconds.ToString("0.000", inv)} s ({perSecond.ToString("N0", inv)} variants/s)");
        return new AnnotationSummary(run.Records, warnings)
        {
            Sources = reference.Sources.Select(s => s.ToString()).ToArray(),
            BuildWarning = buildWarning,
            ClassCounts = run.ClassCounts,
        };
    }

    private static readonly HashSet<string> _ownInfoIds = [FuncKey, GeneKey, GeneDetailKey, CytoBandKey, GwasKey, BuildCheckKey];

    /// <summary>The meta lines and the '#CHROM' line: passed through, read for build hints, our declarations added.</summary>
    private sealed class HeaderReader(ReferenceData reference)
    {
        public ByteSink Output { get; } = new(1 << 16);
        public BuildCheck Check { get; } = new(reference);
        public string? BuildWarning { get; private set; }
        public bool Done { get; private set; }
        public long LineNumber { get; private set; }
        public int Columns { get; private set; }

        public int ProcessLines(ReadOnlySpan<byte> data, bool final)
        {
            var position = 0;
            while (position < data.Length && !Done)
            {
                var newline = data[position..].IndexOf((byte)'\n');
                if (newline < 0 && !final)
                {
                    return position;
                }

                var line = newline < 0 ? data[position..] : data.Slice(position, newline);
                position = newline < 0 ? data.Length : position + newline + 1;
                ProcessLine(line);
            }

            return position;
        }

        private void ProcessLine(ReadOnlySpan<byte> line)
        {
            LineNumber++;
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (LineNumber == 1)
            {
                if (line.StartsWith("\xEF\xBB\xBF"u8))
                {
                    line = line[3..];
                }

                if (!line.StartsWith("##fileformat=VCF"u8))
                {
                    throw new VcfFormatException(1, "a VCF file must start with a '##fileformat=VCFv4.x' line.");
                }
            }

            if (line.Length == 0)
            {
                return;
            }

            if (line[0] != (byte)'#')
            {
                throw new VcfFormatException(LineNumber, "a data line came before the '#CHROM' header line.");
            }

            if (line.Length > 1 && line[1] == (byte)'#')
            {
                var text = Encoding.UTF8.GetString(line);
                if (text.StartsWith("##INFO=<ID=", StringComparison.Ordinal)
                    && _ownInfoIds.Contains(text["##INFO=<ID=".Length..].Split(',', 2)[0]))
                {
                    return;     // re-annotating our own output: the declarations are written anew below
                }

                if (text.StartsWith("##GAS_", StringComparison.Ordinal))
                {
                    return;
                }

                Check.AddMetaLine(text);
                Output.Write(line);
                Output.Write((byte)'\n');
                return;
            }

            var names = Encoding.UTF8.GetString(line).Split('\t');
            string[] required = ["#CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO"];
            if (names.Length < required.Length || !required.SequenceEqual(names.Take(required.Length), StringComparer.Ordinal))
            {
                throw new VcfFormatException(LineNumber, "the header line must be tab-separated '#CHROM POS ID REF ALT QUAL FILTER INFO'.");
            }

            Columns = names.Length;
            Done = true;
            BuildWarning = Check.Conclude();
            foreach (var header in InfoHeaders)
            {
                Output.Write(header);
                Output.Write((byte)'\n');
            }

            Output.Write($"##GAS_reference=<Build=\"{reference.Build?.ToString() ?? "unknown"}\",Sources=\"{string.Join("; ", reference.Sources.Select(s => $"{s.Kind} {s.FileName}"))}\">");
            Output.Write((byte)'\n');
            if (BuildWarning is not null)
            {
                Output.Write("##GAS_buildCheck=" + BuildWarning);
                Output.Write((byte)'\n');
            }

            Output.Write(line);
            Output.Write((byte)'\n');
        }
    }

    /// <summary>Annotates batches of whole record lines; one per worker thread, counters merged at the end.</summary>
    private sealed class RecordProcessor(ReferenceData reference, int headerColumns)
    {
        private static readonly SearchValues<byte> _bases = SearchValues.Create("ACGTNacgtn"u8);
        private static readonly string[] _oneBase = Enumerable.Range(0, 128).Select(i => ((char)i).ToString()).ToArray();
        private readonly GeneAnnotator _annotator = new();
        private readonly List<GeneCall> _calls = [];
        private readonly List<int> _rs = [];
        private byte[] _chromBytes = new byte[64];
        private int _chromLength = -1;
        private string _chrom = "";
        private ChromosomeIndex? _chromIndex;
        private long _contigLength;
        private bool _contigKnown;
        private long _lineNumber;
        private ByteSink _output = null!;
        private readonly List<(string Func, long Count)> _funcCounts = [];

        public long Records { get; private set; }
        public long Alleles { get; private set; }
        public long BeyondContigEnd { get; private set; }
        public long RsIdsAdded { get; private set; }
        public long GwasHits { get; private set; }
        public long BandHits { get; private set; }
        public Dictionary<string, long> ClassCounts { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, long> MissingContigs { get; } = new(StringComparer.Ordinal);

        public static RecordProcessor Merge(IEnumerable<RecordProcessor> processors)
        {
            var total = new RecordProcessor(null!, 0);
            foreach (var p in processors)
            {
                p.FlushFuncCount();
                total.Records += p.Records;
                total.Alleles += p.Alleles;
                total.BeyondContigEnd += p.BeyondContigEnd;
                total.RsIdsAdded += p.RsIdsAdded;
                total.GwasHits += p.GwasHits;
                total.BandHits += p.BandHits;
                foreach (var (k, v) in p.ClassCounts)
                {
                    total.ClassCounts[k] = total.ClassCounts.GetValueOrDefault(k) + v;
                }

                foreach (var (k, v) in p.MissingContigs)
                {
                    total.MissingContigs[k] = total.MissingContigs.GetValueOrDefault(k) + v;
                }
            }

            return total;
        }

        public void Process(ReadOnlySpan<byte> data, long firstLine, ByteSink output)
        {
            _output = output;
            _lineNumber = firstLine - 1;
            var position = 0;
            while (position < data.Length)
            {
                var newline = data[position..].IndexOf((byte)'\n');
                var line = newline < 0 ? data[position..] : data.Slice(position, newline);
                position = newline < 0 ? data.Length : position + newline + 1;
                _lineNumber++;
                if (line.Length > 0 && line[^1] == (byte)'\r')
                {
                    line = line[..^1];
                }

                if (line.Length == 0)
                {
                    continue;
                }

                if (line[0] == (byte)'#')
                {
                    throw new VcfFormatException(_lineNumber, "a header line came after the '#CHROM' line.");
                }

                ProcessRecord(line);
            }
        }

        // a handful of distinct class strings, mostly literals: a reference-compared list beats hashing each allele's class
        private void CountFunc(string func)
        {
            for (var i = 0; i < _funcCounts.Count; i++)
            {
                if (ReferenceEquals(_funcCounts[i].Func, func))
                {
                    _funcCounts[i] = (func, _funcCounts[i].Count + 1);
                    return;
                }
            }

            _funcCounts.Add((func, 1));
        }

        private void FlushFuncCount()
        {
            foreach (var (func, count) in _funcCounts)
            {
                ClassCounts[func] = ClassCounts.GetValueOrDefault(func) + count;
            }

            _funcCounts.Clear();
        }
        private void ProcessRecord(ReadOnlySpan<byte> line)
        {
            Span<int> tabs = stackalloc int[8];
            var found = 0;
            var from = 0;
            while (found < 8)
            {
                var t = line[from..].IndexOf((byte)'\t');
                if (t < 0)
                {
                    break;
                }

                tabs[found++] = from + t;
                from += t + 1;
            }

            var columns = found < 8 ? found + 1 : 9 + line[(tabs[7] + 1)..].Count((byte)'\t');
            if (columns < 8)
            {
                throw new VcfFormatException(_lineNumber, $"expected at least 8 tab-separated columns, found {columns}.");
            }

            if (columns != headerColumns)
            {
                throw new VcfFormatException(_lineNumber, $"expected {headerColumns} columns as in the header line, found {columns}.");
            }

            var chrom = line[..tabs[0]];
            var posText = line[(tabs[0] + 1)..tabs[1]];
            var id = line[(tabs[1] + 1)..tabs[2]];
            var refText = line[(tabs[2] + 1)..tabs[3]];
            var altText = line[(tabs[3] + 1)..tabs[4]];
            var qual = line[(tabs[4] + 1)..tabs[5]];
            var infoEnd = found == 8 ? tabs[7] : line.Length;
            var info = line[(tabs[6] + 1)..infoEnd];

            if (chrom.Length == 0)
            {
                throw new VcfFormatException(_lineNumber, "CHROM is empty.");
            }

            if (!Utf8Parser.TryParse(posText, out int pos, out var used) || used != posText.Length || pos < 0 || posText.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
            {
                throw new VcfFormatException(_lineNumber, $"POS '{Encoding.UTF8.GetString(posText)}' is not a non-negative integer.");
            }

            if (refText.Length == 0 || refText.IndexOfAnyExcept(_bases) >= 0)
            {
                throw new VcfFormatException(_lineNumber, $"REF '{Encoding.UTF8.GetString(refText)}' must be bases A, C, G, T or N.");
            }

            if (altText.Length == 0)
            {
                throw new VcfFormatException(_lineNumber, "ALT is empty (use '.' for none).");
            }

            if (!(qual.Length == 1 && qual[0] == (byte)'.') && (!Utf8Parser.TryParse(qual, out double _, out var qualUsed) || qualUsed != qual.Length))
            {
                throw new VcfFormatException(_lineNumber, $"QUAL '{Encoding.UTF8.GetString(qual)}' is not a number or '.'.");
            }

            ResolveChromosome(chrom);
            Records++;
            var refAllele = Bases(refText);
            _calls.Clear();
            _rs.Clear();
            var lookUpRs = id.Length == 1 && id[0] == (byte)'.' && _chromIndex is { SnpPositions.Length: > 0 };
            var rest = altText;
            while (true)
            {
                var comma = rest.IndexOf((byte)',');
                var alt = comma < 0 ? rest : rest[..comma];
                var call = _annotator.Annotate(_chromIndex, AnnovarVariant.FromVcf(pos, refAllele, Bases(alt)));
                _calls.Add(call);
                Alleles++;
                CountFunc(call.Func);
                if (lookUpRs)
                {
                    var rs = _chromIndex!.RsAt(pos, DbSnpReader.AlleleKey(refText, alt));
                    if (rs != 0 && !_rs.Contains(rs))
                    {
                        _rs.Add(rs);
                    }
                }

                if (comma < 0)
                {
                    break;
                }

                rest = rest[(comma + 1)..];
            }

            // CHROM, POS, then ID (filled from dbSNP when empty), REF … FILTER as they were
            _output.Write(line[..(tabs[1] + 1)]);
            if (_rs.Count > 0)
            {
                for (var i = 0; i < _rs.Count; i++)
                {
                    if (i > 0)
                    {
                        _output.Write((byte)';');
                    }

                    _output.Write("rs"u8);
                    _output.Write(_rs[i]);
                }

                RsIdsAdded++;
            }
            else
            {
                _output.Write(id);
            }

            _output.Write(line[tabs[2]..(tabs[6] + 1)]);
            if (!(info.Length == 1 && info[0] == (byte)'.') && info.Length > 0)
            {
                _output.Write(info);
                _output.Write((byte)';');
            }

            WriteKey("Func.refGene="u8, 0);
            WriteKey(";Gene.refGene="u8, 1);
            WriteKey(";GeneDetail.refGene="u8, 2);
            WriteBand(pos, pos + refText.Length - 1);
            WriteGwas(pos);
            WriteBuildCheck(pos + refText.Length - 1);
            if (found == 8)
            {
                _output.Write(line[tabs[7]..]);
            }

            _output.Write((byte)'\n');
        }

        private static string Field(GeneCall call, int field) => field switch
        {
            0 => call.Func,
            1 => call.Gene,
            _ => call.Detail,
        };

        private void WriteKey(ReadOnlySpan<byte> key, int field)
        {
            _output.Write(key);
            var value = Field(_calls[0], field);
            var same = true;
            for (var i = 1; i < _calls.Count && same; i++)
            {
                same = string.Equals(Field(_calls[i], field), value, StringComparison.Ordinal);
            }

            if (same)
            {
                _output.WriteInfoValue(value, escapeComma: false);
                return;
            }

            // alleles that differ: one value per ALT, in ALT order (Number=A style), commas inside a value escaped
            for (var i = 0; i < _calls.Count; i++)
            {
                if (i > 0)
                {
                    _output.Write((byte)',');
                }

                _output.WriteInfoValue(Field(_calls[i], field), escapeComma: true);
            }
        }

        private void WriteBand(int start, int end)
        {
            _output.Write(";cytoBand="u8);
            var first = _chromIndex?.BandIndexAt(start) ?? -1;
            var last = end == start ? first : _chromIndex?.BandIndexAt(end) ?? -1;
            if (first < 0 && last < 0)
            {
                _output.Write((byte)'.');
                return;
            }

            BandHits++;
            var labels = _chromIndex!.BandLabels;
            _output.Write(labels[first >= 0 ? first : last]);
            if (first >= 0 && last >= 0 && first != last)
            {
                _output.Write((byte)'-');
                _output.Write(_chromIndex.Bands[last].Name);
            }
        }

        private void WriteGwas(int pos)
        {
            if (_chromIndex?.GwasAt(pos) is { } traits)
            {
                GwasHits++;
                _output.Write(";GAS_GWAS_TRAIT="u8);
                _output.WriteInfoValue(traits, escapeComma: false);
            }
        }

        private void WriteBuildCheck(long end)
        {
            if (_contigKnown)
            {
                if (_contigLength > 0 && end > _contigLength)
                {
                    BeyondContigEnd++;
                    _output.Write(";GAS_BUILD_CHECK=beyond_contig_end"u8);
                }

                return;
            }

            MissingContigs[_chrom] = MissingContigs.GetValueOrDefault(_chrom) + 1;
            _output.Write(";GAS_BUILD_CHECK=contig_not_in_reference"u8);
        }

        private void ResolveChromosome(ReadOnlySpan<byte> chrom)
        {
            if (chrom.Length == _chromLength && chrom.SequenceEqual(_chromBytes.AsSpan(0, _chromLength)))
            {
                return;
            }

            if (_chromBytes.Length < chrom.Length)
            {
                _chromBytes = new byte[Math.Max(64, chrom.Length)];
            }

            chrom.CopyTo(_chromBytes);
            _chromLength = chrom.Length;
            _chrom = ChromosomeNames.Normalize(Encoding.UTF8.GetString(chrom));
            _chromIndex = reference.Find(_chrom);
            if (reference.ContigLengths.Count > 0)
            {
                _contigKnown = reference.ContigLengths.TryGetValue(_chrom, out _contigLength);
            }
            else
            {
                _contigKnown = _chromIndex is not null;
                _contigLength = 0;
            }
        }

        private static string Bases(ReadOnlySpan<byte> bases) =>
            bases.Length == 1 && bases[0] < 128 ? _oneBase[bases[0]] : Encoding.ASCII.GetString(bases);
    }
}
