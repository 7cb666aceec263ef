using System.Text;
using Gas.Annotator.Engine.Reference;
using Gas.Annotator.Engine.Validation;

namespace Gas.Annotator.Engine;

public sealed partial class ReferenceVcfEngine
{
    private static readonly HashSet<string> _ownInfoIds = [FuncKey, GeneKey, GeneDetailKey, ExonicFuncKey, AAChangeKey, CytoBandKey, GwasKey, BuildCheckKey];

    /// <summary>The meta lines and the '#CHROM' line: checked by the shared rules, passed through, read for build hints, our declarations added.</summary>
    private sealed class HeaderReader(ReferenceData reference, VcfValidation validation)
    {
        public VcfHeader Rules { get; } = new(validation.Header);
        public ByteSink Output { get; } = new(1 << 16);
        public BuildCheck Check { get; } = new(reference);
        public string? BuildWarning { get; private set; }
        public bool Done => Rules.Done;
        public long LineNumber => Rules.LineNumber;
        public int Columns => Rules.Columns;

        /// <summary>Reads whole lines until the '#CHROM' line; returns the bytes used.</summary>
        public int ProcessLines(ReadOnlySpan<byte> data)
        {
            var position = 0;
            while (position < data.Length && !Done)
            {
                var line = VcfLineReader.NextLine(data, ref position);
                switch (Rules.Read(line))
                {
                    case HeaderLine.Meta:
                        ProcessMetaLine(line);
                        break;
                    case HeaderLine.Columns:
                        ProcessColumnLine(line);
                        break;
                }
            }

            return position;
        }

        private void ProcessMetaLine(ReadOnlySpan<byte> line)
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
        }

        private void ProcessColumnLine(ReadOnlySpan<byte> line)
        {
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
