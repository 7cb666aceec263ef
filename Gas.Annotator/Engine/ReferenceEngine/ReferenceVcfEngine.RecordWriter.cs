using System.Buffers.Text;
using System.Text;
using Gas.Annotator.Engine.Reference;

namespace Gas.Annotator.Engine;

public sealed partial class ReferenceVcfEngine
{
    /// <summary>The INFO keys a record gets: gene columns per ALT, band, GWAS traits, build check; and the chromosome it is on.</summary>
    private sealed partial class RecordProcessor
    {
        private static string Field(GeneCall call, int field) => field switch
        {
            0 => call.Func,
            1 => call.Gene,
            2 => call.Detail,
            3 => call.ExonicFunc,
            _ => call.AAChange,
        };

        // Number=A: exactly one value per ALT, in ALT order, with ',' and ';' inside a value escaped as table_annovar escapes lists
        private void WriteKey(ReadOnlySpan<byte> key, int field)
        {
            _output.Write(key);
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

        /// <returns>The traits written, if any.</returns>
        private string? WriteGwas(int pos)
        {
            if (_chromIndex?.GwasAt(pos) is { } traits)
            {
                GwasHits++;
                _output.Write(";GAS_GWAS_TRAIT="u8);
                _output.WriteInfoValue(traits, escapeComma: false);
                return traits;
            }

            return null;
        }

        /// <returns>The value written, if any.</returns>
        private string? WriteBuildCheck(long end)
        {
            if (_contigKnown)
            {
                if (_contigLength > 0 && end > _contigLength)
                {
                    BeyondContigEnd++;
                    _output.Write(";GAS_BUILD_CHECK=beyond_contig_end"u8);
                    return "beyond_contig_end";
                }

                return null;
            }

            MissingContigs.Add(_chrom, _lineNumber);
            _output.Write(";GAS_BUILD_CHECK=contig_not_in_reference"u8);
            return "contig_not_in_reference";
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

        /// <summary>INFO's END=, which a symbolic ALT (&lt;DEL&gt;, &lt;DUP&gt;, …) spans to.</summary>
        private static int? InfoEnd(ReadOnlySpan<byte> info)
        {
            var at = 0;
            while (at < info.Length)
            {
                var semicolon = info[at..].IndexOf((byte)';');
                var field = semicolon < 0 ? info[at..] : info.Slice(at, semicolon);
                if (field.StartsWith("END="u8) && Utf8Parser.TryParse(field[4..], out int end, out var used) && used == field.Length - 4)
                {
                    return end;
                }

                if (semicolon < 0)
                {
                    break;
                }

                at += semicolon + 1;
            }

            return null;
        }

        private static string Bases(ReadOnlySpan<byte> bases) =>
            bases.Length == 1 && bases[0] < 128 ? _oneBase[bases[0]] : Encoding.ASCII.GetString(bases);
    }
}
