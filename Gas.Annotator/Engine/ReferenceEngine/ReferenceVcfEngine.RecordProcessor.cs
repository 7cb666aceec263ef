using Gas.Annotator.Engine.Reference;
using Gas.Annotator.Engine.Validation;
using Gas.Core.VariantIndex;

namespace Gas.Annotator.Engine;

public sealed partial class ReferenceVcfEngine
{
    /// <summary>Annotates batches of whole record lines; one per worker thread, counters merged at the end.</summary>
    private sealed partial class RecordProcessor(ReferenceData reference, int headerColumns, RecordValidator validator)
    {
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
        private IndexRows? _rows;
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
        public MissingContigs MissingContigs { get; } = new();

        public static RecordProcessor Merge(IEnumerable<RecordProcessor> processors)
        {
            var total = new RecordProcessor(null!, 0, null!);
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

                total.MissingContigs.Add(p.MissingContigs);
            }

            return total;
        }

        /// <summary>
        /// Annotates the record lines of one batch into <paramref name="output"/>, and its alleles into <paramref name="rows"/> for
        /// the results index when given; returns the records it held.
        /// </summary>
        public long Process(ReadOnlySpan<byte> data, long firstLine, ByteSink output, IndexRows? rows, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            var before = Records;
            _output = output;
            _rows = rows;
            // a batch that failed part-way left its records here
            _indexedRecords.Clear();
            _indexedAlleles.Clear();
            _lineNumber = firstLine - 1;
            var position = 0;
            var read = false;
            validator.BeginBatch(firstLine);
            try
            {
                while (position < data.Length)
                {
                    var line = VcfLineReader.NextLine(data, ref position);
                    _lineNumber++;
                    if (!line.IsEmpty)
                    {
                        var record = VcfRecord.Parse(line, headerColumns, _lineNumber);
                        validator.Check(record, _lineNumber);
                        ProcessRecord(record);
                    }
                }

                if (rows is not null)
                {
                    HandOver(rows);
                }

                read = true;
            }
            finally
            {
                validator.EndBatch(_lineNumber, read);
            }

            return Records - before;
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

        private void ProcessRecord(VcfRecord record)
        {
            var pos = record.Pos;
            var refText = record.Ref;
            var id = record.Id;
            ResolveChromosome(record.Chrom);
            Records++;
            var refAllele = Bases(refText);
            _calls.Clear();
            _rs.Clear();
            var lookUpRs = id.Length == 1 && id[0] == (byte)'.' && _chromIndex is { SnpPositions.Length: > 0 };
            var alts = record.Alt;
            var start = 0;
            while (true)
            {
                var comma = alts[start..].IndexOf((byte)',');
                var end = comma < 0 ? alts.Length : start + comma;
                var alt = alts[start..end];
                var svEnd = alt.Length > 0 && alt[0] == (byte)'<' ? InfoEnd(record.Info) : null;
                var call = _annotator.Annotate(_chromIndex, AnnovarVariant.FromVcf(pos, refAllele, Bases(alt), svEnd));
                _calls.Add(call);
                if (_rows is not null)
                {
                    _indexedAlleles.Add(new IndexedAllele(start..end, call));
                }

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

                start = end + 1;
            }

            // CHROM, POS, then ID (filled from dbSNP when empty), REF … FILTER as they were
            var lineStart = _output.Length;
            _output.Write(record.UpToId);
            var idStart = _output.Length;
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

            var idEnd = _output.Length;
            _output.Write(record.RefToFilter);
            var info = record.Info;
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

            var bandStart = _output.Length + ";cytoBand=".Length;
            WriteBand(pos, pos + refText.Length - 1);
            var bandEnd = _output.Length;
            var traits = WriteGwas(pos);
            var buildCheck = WriteBuildCheck(pos + refText.Length - 1);
            _output.Write(record.Samples);
            _output.Write((byte)'\n');
            if (_rows is not null)
            {
                _indexedRecords.Add(new IndexedRecord(lineStart, record.Chrom.Length, pos, idStart, idEnd, refText.Length, alts.Length,
                    record.Qual.Length, record.Filter.Length, bandStart, bandEnd, traits, buildCheck, _calls.Count));
                if (_indexedRecords.Count == ChunkRecords)
                {
                    HandOver(_rows);
                }
            }
        }
    }
}
