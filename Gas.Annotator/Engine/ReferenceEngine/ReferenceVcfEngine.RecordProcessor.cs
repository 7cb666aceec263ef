using System.Buffers;
using System.Buffers.Text;
using System.Text;
using Gas.Annotator.Engine.Reference;

namespace Gas.Annotator.Engine;

public sealed partial class ReferenceVcfEngine
{
    /// <summary>Annotates batches of whole record lines; one per worker thread, counters merged at the end.</summary>
    private sealed partial class RecordProcessor(ReferenceData reference, int headerColumns)
    {
        private static readonly SearchValues<byte> _bases = SearchValues.Create("ACGTNacgtn"u8);
        private static readonly string[] _oneBase = Enumerable.Range(0, 128).Select(i => ((char)i).ToString()).ToArray();
        private readonly GeneAnnotator _annotator = new(reference?.Genome);
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
        private readonly bool _withProteins = reference?.Genome is not null;

        public long Records { get; private set; }
        public long Alleles { get; private set; }
        public long BeyondContigEnd { get; private set; }
        public long RsIdsAdded { get; private set; }
        public long GwasHits { get; private set; }
        public long BandHits { get; private set; }

        /// <summary>Exonic SNVs whose REF is not the genome's base (ANNOVAR's "WRONG reference alleles"), and the first of them.</summary>
        public long RefMismatches { get; private set; }
        public string? RefMismatchExample { get; private set; }
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
                total.RefMismatches += p.RefMismatches;
                total.RefMismatchExample ??= p.RefMismatchExample;
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
                var svEnd = alt.Length > 0 && alt[0] == (byte)'<' ? InfoEnd(info) : null;
                var call = _annotator.Annotate(_chromIndex, AnnovarVariant.FromVcf(pos, refAllele, Bases(alt), svEnd));
                _calls.Add(call);
                Alleles++;
                if (_annotator.GenomeBaseDiffering is { } genomeBase)
                {
                    RefMismatches++;
                    RefMismatchExample ??= $"{_chrom}:{pos} {refAllele}>{Bases(alt)} (line {_lineNumber}; the genome has {genomeBase})";
                }

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
            if (_withProteins)
            {
                WriteKey(";ExonicFunc.refGene="u8, 3);
                WriteKey(";AAChange.refGene="u8, 4);
            }

            WriteBand(pos, pos + refText.Length - 1);
            WriteGwas(pos);
            WriteBuildCheck(pos + refText.Length - 1);
            if (found == 8)
            {
                _output.Write(line[tabs[7]..]);
            }

            _output.Write((byte)'\n');
        }
    }
}
