using System.Runtime.InteropServices;
using Gas.Core.VariantIndex;

namespace Gas.Annotator.Engine;

public sealed partial class ReferenceVcfEngine
{
    private sealed partial class RecordProcessor
    {
        // handed over 64 records at a time: a run of the index's work apart from the engine's is cheaper than the two interleaved
        // record by record, and a whole batch at a time kept the calls' strings alive through most collections, so the GC copied
        // them out of gen0 (8 MB a million alleles) and ran a third as many, larger collections, which cost more than it saved
        private const int ChunkRecords = 64;

        // the records and alleles not yet handed over, as places in the text written for them, and each allele's call
        private readonly List<IndexedRecord> _indexedRecords = [];
        private readonly List<IndexedAllele> _indexedAlleles = [];

        /// <summary>
        /// Fills <paramref name="rows"/> with the records and alleles kept since the last call, from the text written for
        /// them: CHROM … FILTER are in the output as they were in the input (ID as written, rsIDs added), and so is the band.
        /// </summary>
        private void HandOver(IndexRows rows)
        {
            var written = _output.Memory.Span;
            var alleles = CollectionsMarshal.AsSpan(_indexedAlleles);
            var next = 0;
            foreach (ref readonly var r in CollectionsMarshal.AsSpan(_indexedRecords))
            {
                // after ID: a tab, REF, ALT, QUAL and FILTER, each followed by a tab
                var refStart = r.IdEnd + 1;
                var altStart = refStart + r.RefLength + 1;
                var qualStart = altStart + r.AltLength + 1;
                var alts = written.Slice(altStart, r.AltLength);
                rows.BeginRecord(written.Slice(r.Line, r.ChromLength), r.Pos, written[r.IdStart..r.IdEnd], written.Slice(refStart, r.RefLength),
                    written.Slice(qualStart, r.QualLength), written.Slice(qualStart + r.QualLength + 1, r.FilterLength),
                    written[r.BandStart..r.BandEnd], r.Gwas, r.BuildCheck);
                foreach (ref readonly var allele in alleles.Slice(next, r.Alleles))
                {
                    var call = allele.Call;
                    rows.AddAllele(alts[allele.Alt], call.Func, call.Gene, call.Detail, _withProteins ? call.ExonicFunc : null, _withProteins ? call.AAChange : null);
                }

                next += r.Alleles;
            }

            _indexedRecords.Clear();
            _indexedAlleles.Clear();
        }

        /// <summary>Where a record's values are in the batch's output (offsets from its start), and its INFO values as written.</summary>
        private readonly record struct IndexedRecord(int Line, int ChromLength, int Pos, int IdStart, int IdEnd, int RefLength, int AltLength,
            int QualLength, int FilterLength, int BandStart, int BandEnd, string? Gwas, string? BuildCheck, int Alleles);

        /// <summary>An allele's ALT within its record's ALT column, and its call.</summary>
        private readonly record struct IndexedAllele(Range Alt, GeneCall Call);
    }
}
