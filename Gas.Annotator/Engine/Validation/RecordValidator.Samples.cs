using System.Globalization;

namespace Gas.Annotator.Engine.Validation;

/// <summary>FORMAT and the sample columns (§1.6.2): keys, GT first, declarations, each sample's fields, GT's alleles.</summary>
internal sealed partial class RecordValidator
{
    private const int MaxFormatKeys = 64;
    private readonly FieldDefinition?[] _formatKeys = new FieldDefinition?[MaxFormatKeys];
    private readonly List<(VcfRule Rule, string Message)> _formatProblems = [];
    private byte[] _format = [];
    private int _formatKeyCount;
    private bool _formatHasGt;

    /// <param name="samples">The tab before FORMAT and everything after it.</param>
    private void CheckSamples(ReadOnlySpan<byte> samples, int alts, long line)
    {
        var rest = samples[1..];
        var tab = rest.IndexOf((byte)'\t');
        var format = tab < 0 ? rest : rest[..tab];
        if (!format.SequenceEqual(_format))
        {
            ReadFormat(format);
        }

        foreach (var (rule, message) in _formatProblems)
        {
            if (Broke(rule, line))
            {
                Say(message);
            }
        }

        if (format is [(byte)'.'] || tab < 0)
        {
            return;
        }

        rest = rest[(tab + 1)..];
        for (var sample = 0; ; sample++)
        {
            tab = rest.IndexOf((byte)'\t');
            CheckSample(tab < 0 ? rest : rest[..tab], sample, alts, line);
            if (tab < 0)
            {
                return;
            }

            rest = rest[(tab + 1)..];
        }
    }

    /// <summary>Reads a FORMAT once; records repeating it (most files use one or two) reuse the keys and re-count its problems.</summary>
    private void ReadFormat(ReadOnlySpan<byte> format)
    {
        _format = format.ToArray();
        _formatProblems.Clear();
        _formatKeyCount = 0;
        _formatHasGt = false;
        if (format is [(byte)'.'])
        {
            return;
        }

        var rest = format;
        var start = 0;
        while (true)
        {
            var colon = rest.IndexOf((byte)':');
            var key = colon < 0 ? rest : rest[..colon];
            ReadFormatKey(format, start, key);
            if (colon < 0)
            {
                return;
            }

            start += colon + 1;
            rest = rest[(colon + 1)..];
        }
    }

    private void ReadFormatKey(ReadOnlySpan<byte> format, int start, ReadOnlySpan<byte> key)
    {
        var shown = VcfRecord.Shown(key);
        if (key.IsEmpty)
        {
            _formatProblems.Add((VcfRules.FormatSyntax, $"FORMAT '{VcfRecord.Shown(format)}' has an empty key."));
        }
        else if (start > 0 && Repeats(format[..(start - 1)], key, (byte)':'))
        {
            _formatProblems.Add((VcfRules.FormatSyntax, $"FORMAT key '{shown}' appears twice."));
        }
        else if (_version.Strict && !Names.IsKey(key))
        {
            _formatProblems.Add((VcfRules.FormatSyntax, $"FORMAT key '{shown}' is not a valid key name ([A-Za-z_][0-9A-Za-z_.]*)."));
        }

        var isGt = key.SequenceEqual("GT"u8);
        if (isGt && start > 0)
        {
            _formatProblems.Add((VcfRules.FormatGtFirst, $"GT is not the first FORMAT key ('{VcfRecord.Shown(format)}')."));
        }

        _formatHasGt |= isGt && start == 0;
        var definition = _definitions.Format(key);
        if (definition is null && !key.IsEmpty)
        {
            _formatProblems.Add((VcfRules.FormatUndeclared, $"FORMAT key '{shown}' is not declared by a ##FORMAT line."));
        }

        if (_formatKeyCount < MaxFormatKeys)
        {
            _formatKeys[_formatKeyCount] = isGt && start == 0 ? null : definition;
        }

        _formatKeyCount++;
    }

    private void CheckSample(ReadOnlySpan<byte> sample, int index, int alts, long line)
    {
        if (sample.IsEmpty)
        {
            if (Broke(VcfRules.SampleFields, line))
            {
                Say($"sample '{SampleName(index)}' is empty; '.' stands for no data.");
            }

            return;
        }

        var ploidy = -1;
        var rest = sample;
        for (var field = 0; ; field++)
        {
            var colon = rest.IndexOf((byte)':');
            var value = colon < 0 ? rest : rest[..colon];
            if (field >= _formatKeyCount)
            {
                if (Broke(VcfRules.SampleFields, line))
                {
                    Say($"sample '{SampleName(index)}' has more fields than FORMAT's {_formatKeyCount.ToString(CultureInfo.InvariantCulture)} keys ('{VcfRecord.Shown(sample)}').");
                }

                return;
            }

            if (field == 0 && _formatHasGt)
            {
                ploidy = CheckGenotype(value, alts, index, line);
            }
            else if (field < MaxFormatKeys && _formatKeys[field] is { } definition)
            {
                CheckValues(definition, value, alts, ploidy, line, index);
            }

            if (colon < 0)
            {
                return;
            }

            rest = rest[(colon + 1)..];
        }
    }

    /// <summary>Checks a GT value; returns its ploidy (the number of alleles), or -1 when it cannot be read.</summary>
    private int CheckGenotype(ReadOnlySpan<byte> gt, int alts, int sample, long line)
    {
        var i = _version.HasPloidyNumber && gt is [(byte)'/' or (byte)'|', ..] ? 1 : 0;   // 4.4: a phase mark before the first allele
        var ploidy = 0;
        while (true)
        {
            var end = i;
            if (end < gt.Length && gt[end] == (byte)'.')
            {
                end++;
            }
            else
            {
                while (end < gt.Length && (uint)(gt[end] - '0') <= 9)
                {
                    end++;
                }

                if (end == i || end - i > 9)
                {
                    return GenotypeProblem(gt, sample, line, "is not allele indices or '.' separated by '/' or '|'");
                }

                var allele = int.Parse(gt[i..end], NumberStyles.None, CultureInfo.InvariantCulture);
                if (allele > alts)
                {
                    return GenotypeProblem(gt, sample, line,
                        $"names allele {allele.ToString(CultureInfo.InvariantCulture)}, but the record has {alts.ToString(CultureInfo.InvariantCulture)} ALT allele(s)");
                }
            }

            ploidy++;
            if (end == gt.Length)
            {
                return ploidy;
            }

            if (gt[end] is not ((byte)'/' or (byte)'|') || end + 1 == gt.Length)
            {
                return GenotypeProblem(gt, sample, line, "is not allele indices or '.' separated by '/' or '|'");
            }

            i = end + 1;
        }
    }

    private int GenotypeProblem(ReadOnlySpan<byte> gt, int sample, long line, string problem)
    {
        if (Broke(VcfRules.GtSyntax, line))
        {
            Say($"sample '{SampleName(sample)}' GT '{VcfRecord.Shown(gt)}' {problem}.");
        }

        return -1;
    }

    private string SampleName(int index) =>
        Shown(index < _run.Header.Samples.Length ? _run.Header.Samples[index] : (index + 1).ToString(CultureInfo.InvariantCulture));
}
