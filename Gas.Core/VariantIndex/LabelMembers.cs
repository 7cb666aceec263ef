using System.Runtime.InteropServices;

namespace Gas.Core.VariantIndex;

/// <summary>
/// The distinct members of each comma-separated label (gene lists, GWAS traits), as ids into one list of names; a comma
/// inside a member (a trait's) is still <c>\x2c</c> in its label and undone once split. Built from an index's labels, or
/// label by label as a writer meets them (<see cref="Add"/>), so that labelling a summary splits nothing.
/// </summary>
internal sealed class LabelMembers
{
    private readonly List<int[]> _byLabel = [];
    private readonly List<string> _names = [];
    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _idsByChars;
    private readonly List<int> _found = [];

    /// <summary>The members of labels 0 … <paramref name="size"/> − 1 (past the end of <paramref name="labels"/>: none).</summary>
    public LabelMembers(string?[] labels, int size)
    {
        _ids = new Dictionary<string, int>(StringComparer.Ordinal);
        _idsByChars = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var id = 0; id < size; id++)
        {
            Add(id < labels.Length ? labels[id] : null);
        }
    }

    /// <summary>Splits the next label (its id is the number added before it).</summary>
    public void Add(string? text) =>
        _byLabel.Add(string.IsNullOrEmpty(text) ? [] : IsSingle(text) ? [Id(text)] : Split(text));

    /// <summary>Per member kept, the alleles of the lists that name it.</summary>
    public IEnumerable<LabelCount> Count(long[] perLabel, Func<string, bool> keep)
    {
        var perMember = new long[_names.Count];
        for (var id = 0; id < Math.Min(perLabel.Length, _byLabel.Count); id++)
        {
            if (perLabel[id] > 0)
            {
                foreach (var member in _byLabel[id])
                {
                    perMember[member] += perLabel[id];
                }
            }
        }

        for (var m = 0; m < perMember.Length; m++)
        {
            if (perMember[m] > 0 && keep(_names[m]))
            {
                yield return new LabelCount(_names[m], perMember[m]);
            }
        }
    }

    // most lists name one gene or trait: no comma, no escape, nothing to trim
    private static bool IsSingle(string text) =>
        !text.AsSpan().ContainsAny(',', '\\') && !char.IsWhiteSpace(text[0]) && !char.IsWhiteSpace(text[^1]);

    // each distinct member once: split on commas, trimmed, empty ones dropped, escapes undone (a trait's comma is \x2c)
    private int[] Split(string text)
    {
        _found.Clear();
        foreach (var range in text.AsSpan().Split(','))
        {
            var member = text.AsSpan(range).Trim();
            if (member.IsEmpty)
            {
                continue;
            }

            var id = member.Contains('\\') ? Id(AnnotatedVcf.Unescape(member.ToString())) : Id(member);
            if (!_found.Contains(id))
            {
                _found.Add(id);
            }
        }

        return [.. _found];
    }

    private int Id(ReadOnlySpan<char> member) =>
        _idsByChars.TryGetValue(member, out var id) ? id : Id(member.ToString());

    private int Id(string member)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_ids, member, out var exists);
        if (!exists)
        {
            id = _names.Count;
            _names.Add(member);
        }

        return id;
    }
}
