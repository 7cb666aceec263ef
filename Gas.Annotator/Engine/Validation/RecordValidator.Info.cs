using System.Buffers;

namespace Gas.Annotator.Engine.Validation;

/// <summary>INFO: entries, key names, repeats, declarations, Flags, and each value's count and type (§1.6.1 INFO, §1.4.2).</summary>
internal sealed partial class RecordValidator
{
    private const int MaxUndeclaredKeys = 32;
    private static readonly SearchValues<byte> _notInValueBefore43 = SearchValues.Create(" ="u8);
    private static readonly SearchValues<byte> _notInValue = SearchValues.Create("="u8);
    private int[] _infoSeen = [];
    private readonly int[] _undeclaredStarts = new int[MaxUndeclaredKeys];
    private readonly int[] _undeclaredLengths = new int[MaxUndeclaredKeys];
    private int _infoStamp;

    private void CheckInfo(ReadOnlySpan<byte> info, int alts, long line)
    {
        if (info is [(byte)'.'])
        {
            return;
        }

        if (info.IsEmpty)
        {
            if (Broke(VcfRules.InfoSyntax, line))
            {
                Say("INFO is empty; '.' stands for no INFO.");
            }

            return;
        }

        if (++_infoStamp == int.MaxValue)
        {
            Array.Clear(_infoSeen);
            _infoStamp = 1;
        }

        var undeclared = 0;
        var start = 0;
        while (true)
        {
            var semicolon = info[start..].IndexOf((byte)';');
            var entry = semicolon < 0 ? info[start..] : info.Slice(start, semicolon);
            if (entry.IsEmpty)
            {
                if (Broke(VcfRules.InfoSyntax, line))
                {
                    Say($"INFO '{VcfRecord.Shown(info)}' has an empty entry (';;', or a ';' at an end).");
                }
            }
            else
            {
                CheckInfoEntry(info, start, entry, alts, line, ref undeclared);
            }

            if (semicolon < 0)
            {
                return;
            }

            start += semicolon + 1;
        }
    }

    private void CheckInfoEntry(ReadOnlySpan<byte> info, int start, ReadOnlySpan<byte> entry, int alts, long line, ref int undeclared)
    {
        var equals = entry.IndexOf((byte)'=');
        var key = equals < 0 ? entry : entry[..equals];
        if (key.IsEmpty)
        {
            if (Broke(VcfRules.InfoSyntax, line))
            {
                Say($"INFO entry '{VcfRecord.Shown(entry)}' has no key.");
            }

            return;
        }

        if (_version.Strict && !Names.IsKey(key) && Broke(VcfRules.InfoKeyName, line))
        {
            Say($"INFO key '{VcfRecord.Shown(key)}' is not a valid key name ([A-Za-z_][0-9A-Za-z_.]*).");
        }

        var definition = _definitions.Info(key);
        if (definition is null)
        {
            if (RepeatedUndeclared(info, start, key, ref undeclared))
            {
                if (Broke(VcfRules.InfoDuplicate, line))
                {
                    Say($"INFO key '{VcfRecord.Shown(key)}' appears twice in this record.");
                }
            }
            else if (Broke(VcfRules.InfoUndeclared, line))
            {
                Say($"INFO key '{VcfRecord.Shown(key)}' is not declared by an ##INFO line.");
            }

            return;
        }

        if (_infoSeen[definition.Index] == _infoStamp)
        {
            if (Broke(VcfRules.InfoDuplicate, line))
            {
                Say($"INFO key '{VcfRecord.Shown(key)}' appears twice in this record.");
            }

            return;
        }

        _infoSeen[definition.Index] = _infoStamp;
        if (definition.Type == ValueKind.Flag || equals < 0)
        {
            if ((definition.Type == ValueKind.Flag) != (equals < 0) && Broke(VcfRules.InfoFlag, line))
            {
                Say(equals < 0
                    ? $"INFO key '{VcfRecord.Shown(key)}' has no value, but is declared Type={definition.Type}, not Flag."
                    : $"INFO key '{VcfRecord.Shown(key)}' is a Flag, but has the value '{VcfRecord.Shown(entry[(equals + 1)..])}'.");
            }

            return;
        }

        var value = entry[(equals + 1)..];
        if (value.IndexOfAny(_version.Strict ? _notInValue : _notInValueBefore43) >= 0 && Broke(VcfRules.InfoSyntax, line))
        {
            Say(value.IndexOf((byte)'=') >= 0
                ? $"the value of INFO key '{VcfRecord.Shown(key)}' has '=' ('{VcfRecord.Shown(value)}'); encode it as %3D."
                : $"the value of INFO key '{VcfRecord.Shown(key)}' has a space ('{VcfRecord.Shown(value)}'), which VCF 4.3 allows but {_version.Rules} does not.");
        }

        CheckValues(definition, value, alts, ploidy: -1, line, sample: null);
    }

    /// <summary>Whether an undeclared key came earlier in this record (such keys have no index to stamp).</summary>
    private bool RepeatedUndeclared(ReadOnlySpan<byte> info, int start, ReadOnlySpan<byte> key, ref int undeclared)
    {
        for (var i = 0; i < undeclared; i++)
        {
            if (info.Slice(_undeclaredStarts[i], _undeclaredLengths[i]).SequenceEqual(key))
            {
                return true;
            }
        }

        if (undeclared < MaxUndeclaredKeys)
        {
            _undeclaredStarts[undeclared] = start;
            _undeclaredLengths[undeclared] = key.Length;
            undeclared++;
        }

        return false;
    }
}
