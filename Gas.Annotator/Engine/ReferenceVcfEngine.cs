using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Gas.Annotator.Engine.Reference;

namespace Gas.Annotator.Engine;

/// <summary>
/// The reference-backed engine: streams a VCF once, byte by byte, and adds ANNOVAR-style gene annotation
/// (Func.refGene, Gene.refGene, GeneDetail.refGene), cytoBand, GWAS traits, rsIDs and a genome build check.
/// Memory stays flat: only the reference index and one read/write buffer are held.
/// </summary>
public sealed class ReferenceVcfEngine(ReferenceData reference, TimeProvider time) : IAnnotationEngine
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
        var run = new EngineRun(reference);
        var buffer = new byte[1 << 20];
        int filled = 0, consumed = 0;
        while (true)
        {
            if (consumed > 0)
            {
                Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                filled -= consumed;
            }

            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await source.ReadAsync(buffer.AsMemory(filled), ct);
            filled += read;
            var end = read == 0;
            consumed = run.ProcessLines(buffer.AsSpan(0, filled), end);
            if (run.Output.Length >= 1 << 20 || end)
            {
                await output.WriteAsync(run.Output.Memory, ct);
                run.Output.Clear();
            }

            if (end)
            {
                break;
            }

            ct.ThrowIfCancellationRequested();
        }

        run.Finish();
        await output.FlushAsync(ct);
        var elapsed = time.GetElapsedTime(started);
        return await WriteLogAsync(run, elapsed, log);
    }

    private async Task<AnnotationSummary> WriteLogAsync(EngineRun run, TimeSpan elapsed, TextWriter log)
    {
        var warnings = new List<string>();
        string? buildWarning = run.HeaderBuildWarning;
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

        await log.WriteLineAsync($"Input build: {(run.Check.InputBuild is { } b ? $"{b} (from {run.Check.Evidence})" : "not declared")}");
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

    /// <summary>State of one streaming pass; all hot-path work is synchronous on spans.</summary>
    private sealed class EngineRun(ReferenceData reference)
    {
        private static readonly System.Buffers.SearchValues<byte> _bases = System.Buffers.SearchValues.Create("ACGTNacgtn"u8);
        private readonly GeneAnnotator _annotator = new();
        private readonly List<GeneCall> _calls = [];
        private readonly List<int> _rs = [];
        private readonly string[] _oneBase = Enumerable.Range(0, 128).Select(i => ((char)i).ToString()).ToArray();
        private readonly HashSet<string> _ownInfoIds = [FuncKey, GeneKey, GeneDetailKey, CytoBandKey, GwasKey, BuildCheckKey];
        private byte[] _chromBytes = [];
        private int _chromLength = -1;
        private string _chrom = "";
        private ChromosomeIndex? _chromIndex;
        private long _contigLength;
        private bool _contigKnown;
        private long _lineNumber;
        private int _headerColumns;
        private bool _sawHeader;

        public ByteSink Output { get; } = new(1 << 21);
        public BuildCheck Check { get; } = new(reference);
        public string? HeaderBuildWarning { get; private set; }
        public long Records { get; private set; }
        public long Alleles { get; private set; }
        public long BeyondContigEnd { get; private set; }
        public long RsIdsAdded { get; private set; }
        public long GwasHits { get; private set; }
        public long BandHits { get; private set; }
        public Dictionary<string, long> ClassCounts { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, long> MissingContigs { get; } = new(StringComparer.Ordinal);

        public int ProcessLines(ReadOnlySpan<byte> data, bool final)
        {
            var position = 0;
            while (position < data.Length)
            {
                var newline = data[position..].IndexOf((byte)'\n');
                if (newline < 0)
                {
                    if (!final)
                    {
                        return position;
                    }

                    ProcessLine(data[position..]);
                    return data.Length;
                }

                ProcessLine(data.Slice(position, newline));
                position += newline + 1;
            }

            return position;
        }

        public void Finish()
        {
            if (!_sawHeader)
            {
                throw new VcfFormatException(Math.Max(_lineNumber, 1), "the '#CHROM' header line is missing.");
            }
        }

        private void ProcessLine(ReadOnlySpan<byte> line)
        {
            _lineNumber++;
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (_lineNumber == 1)
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

            if (line.Length > 0 && line[0] == (byte)'#')
            {
                ProcessHeaderLine(line);
                return;
            }

            if (line.Length == 0)
            {
                return;
            }

            if (!_sawHeader)
            {
                throw new VcfFormatException(_lineNumber, "a data line came before the '#CHROM' header line.");
            }

            ProcessRecord(line);
        }

        private void ProcessHeaderLine(ReadOnlySpan<byte> line)
        {
            if (_sawHeader)
            {
                throw new VcfFormatException(_lineNumber, "a header line came after the '#CHROM' line.");
            }

            if (line.Length > 1 && line[1] == (byte)'#')
            {
                var text = Encoding.UTF8.GetString(line);
                if (text.StartsWith("##INFO=<ID=", StringComparison.Ordinal))
                {
                    var id = text["##INFO=<ID=".Length..].Split(',', 2)[0];
                    if (_ownInfoIds.Contains(id))
                    {
                        return;     // re-annotating our own output: the declarations are written anew below
                    }
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
                throw new VcfFormatException(_lineNumber, "the header line must be tab-separated '#CHROM POS ID REF ALT QUAL FILTER INFO'.");
            }

            _headerColumns = names.Length;
            _sawHeader = true;
            HeaderBuildWarning = Check.Conclude();
            foreach (var header in InfoHeaders)
            {
                Output.Write(header);
                Output.Write((byte)'\n');
            }

            Output.Write($"##GAS_reference=<Build=\"{reference.Build?.ToString() ?? "unknown"}\",Sources=\"{string.Join("; ", reference.Sources.Select(s => $"{s.Kind} {s.FileName}"))}\">");
            Output.Write((byte)'\n');
            if (HeaderBuildWarning is not null)
            {
                Output.Write("##GAS_buildCheck=" + HeaderBuildWarning);
                Output.Write((byte)'\n');
            }

            Output.Write(line);
            Output.Write((byte)'\n');
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

            if (columns != _headerColumns)
            {
                throw new VcfFormatException(_lineNumber, $"expected {_headerColumns} columns as in the header line, found {columns}.");
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
                ClassCounts[call.Func] = ClassCounts.GetValueOrDefault(call.Func) + 1;
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
            Output.Write(line[..(tabs[1] + 1)]);
            if (_rs.Count > 0)
            {
                for (var i = 0; i < _rs.Count; i++)
                {
                    if (i > 0)
                    {
                        Output.Write((byte)';');
                    }

                    Output.Write("rs"u8);
                    Output.Write(_rs[i]);
                }

                RsIdsAdded++;
            }
            else
            {
                Output.Write(id);
            }

            Output.Write(line[tabs[2]..(tabs[6] + 1)]);
            if (!(info.Length == 1 && info[0] == (byte)'.') && info.Length > 0)
            {
                Output.Write(info);
                Output.Write((byte)';');
            }

            WriteKey(FuncKey, static c => c.Func, first: true);
            WriteKey(GeneKey, static c => c.Gene, first: false);
            WriteKey(GeneDetailKey, static c => c.Detail, first: false);
            WriteBand(pos, pos + refText.Length - 1);
            WriteGwas(pos);
            WriteBuildCheck(pos + refText.Length - 1);
            if (found == 8)
            {
                Output.Write(line[tabs[7]..]);
            }

            Output.Write((byte)'\n');
        }

        private void WriteKey(string key, Func<GeneCall, string> field, bool first)
        {
            if (!first)
            {
                Output.Write((byte)';');
            }

            Output.Write(key);
            Output.Write((byte)'=');
            var value = field(_calls[0]);
            var same = true;
            for (var i = 1; i < _calls.Count && same; i++)
            {
                same = string.Equals(field(_calls[i]), value, StringComparison.Ordinal);
            }

            if (same)
            {
                Output.WriteInfoValue(value, escapeComma: false);
                return;
            }

            // alleles that differ: one value per ALT, in ALT order (Number=A style), commas inside a value escaped
            for (var i = 0; i < _calls.Count; i++)
            {
                if (i > 0)
                {
                    Output.Write((byte)',');
                }

                Output.WriteInfoValue(field(_calls[i]), escapeComma: true);
            }
        }

        private void WriteBand(int start, int end)
        {
            Output.Write(";cytoBand="u8);
            var first = _chromIndex?.BandAt(start);
            var last = end == start ? first : _chromIndex?.BandAt(end);
            if (first is null && last is null)
            {
                Output.Write((byte)'.');
                return;
            }

            BandHits++;
            Output.Write(_chrom);
            Output.Write((first ?? last)!.Value.Name);
            if (first is { } a && last is { } b && a.Name != b.Name)
            {
                Output.Write((byte)'-');
                Output.Write(b.Name);
            }
        }

        private void WriteGwas(int pos)
        {
            if (_chromIndex?.GwasAt(pos) is { } traits)
            {
                GwasHits++;
                Output.Write(";GAS_GWAS_TRAIT="u8);
                Output.WriteInfoValue(traits, escapeComma: false);
            }
        }

        private void WriteBuildCheck(long end)
        {
            if (_contigKnown)
            {
                if (_contigLength > 0 && end > _contigLength)
                {
                    BeyondContigEnd++;
                    Output.Write(";GAS_BUILD_CHECK=beyond_contig_end"u8);
                }

                return;
            }

            MissingContigs[_chrom] = MissingContigs.GetValueOrDefault(_chrom) + 1;
            Output.Write(";GAS_BUILD_CHECK=contig_not_in_reference"u8);
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

        private string Bases(ReadOnlySpan<byte> bases) =>
            bases.Length == 1 && bases[0] < 128 ? _oneBase[bases[0]] : Encoding.ASCII.GetString(bases);
    }
}
