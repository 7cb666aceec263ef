using System.Text;
using Gas.Annotator.Engine.Reference;

namespace Gas.Annotator.Engine;

public sealed partial class ReferenceVcfEngine
{
    private static readonly HashSet<string> _ownInfoIds = [FuncKey, GeneKey, GeneDetailKey, ExonicFuncKey, AAChangeKey, CytoBandKey, GwasKey, BuildCheckKey];

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
            foreach (var header in InfoHeaders(reference.Genome is not null))
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
}
