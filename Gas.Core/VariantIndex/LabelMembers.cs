using System.Runtime.InteropServices;

namespace Gas.Core.VariantIndex;

/// <summary>
/// The distinct members of each comma-separated label (gene lists, GWAS traits), as ids into one list of names; a comma
/// inside a member (a trait's) is still <c>\x2c</c> in its label and undone once split. Built from an index's labels, or
/// label by label as a writer meets them (<see cref="Add"/>), so that labelling a summary splits nothing.
/// </summary>
internal sealed class LabelMembers
{
    // the members of label i are _members[_ends[i - 1] .. _ends[i]], ids into _names: no array or string per label, for the
    // writer keeps them from the first allele to the end of the job (see LabelSet)
    private readonly List<int> _members = [];
    private readonly List<int> _ends = [];
    private readonly LabelSet _names = new();
    private string[] _nameStrings = [];

    /// <summary>The members of labels 0 … <paramref name="size"/> − 1 (past the end of <paramref name="labels"/>: none).</summary>
    public LabelMembers(string?[] labels, int size)
    {
        for (var id = 0; id < size; id++)
        {
            Add(id < labels.Length ? labels[id] : null);
        }
    }

    /// <summary>Back to no labels but label 0 (none), as a writer's are at its start; the lists keep their capacity.</summary>
    public void Clear()
    {
        _members.Clear();
        _ends.Clear();
        _names.Clear();
        _nameStrings = [];
        Add(null);
    }

    /// <summary>Splits the next label (its id is the number added before it).</summary>
    public void Add(ReadOnlySpan<char> text)
    {
        if (!text.IsEmpty)
        {
            if (IsSingle(text))
            {
                _members.Add(Id(text));
            }
            else
            {
                Split(text);
            }
        }

        _ends.Add(_members.Count);
    }

    /// <summary>Per member kept, the alleles of the lists that name it.</summary>
    public IEnumerable<LabelCount> Count(long[] perLabel, Func<string, bool> keep) => Kept(PerMember(perLabel), keep);

    private long[] PerMember(long[] perLabel)
    {
        var perMember = new long[_names.Count];
        var members = CollectionsMarshal.AsSpan(_members);
        var ends = CollectionsMarshal.AsSpan(_ends);
        for (var id = 0; id < Math.Min(perLabel.Length, ends.Length); id++)
        {
            if (perLabel[id] > 0)
            {
                foreach (var member in members[(id == 0 ? 0 : ends[id - 1])..ends[id]])
                {
                    perMember[member] += perLabel[id];
                }
            }
        }

        return perMember;
    }

    private IEnumerable<LabelCount> Kept(long[] perMember, Func<string, bool> keep)
    {
        var names = Names();
        for (var m = 0; m < perMember.Length; m++)
        {
            if (perMember[m] > 0 && keep(names[m]))
            {
                yield return new LabelCount(names[m], perMember[m]);
            }
        }
    }

    // the names as strings, made once they are asked for (a summary), and again only if members were added since
    private string[] Names() => _nameStrings.Length == _names.Count ? _nameStrings : _nameStrings = _names.ToStrings();

    // most lists name one gene or trait: no comma, no escape, nothing to trim
    private static bool IsSingle(ReadOnlySpan<char> text) =>
        !text.ContainsAny(',', '\\') && !char.IsWhiteSpace(text[0]) && !char.IsWhiteSpace(text[^1]);

    // each distinct member once: split on commas, trimmed, empty ones dropped, escapes undone (a trait's comma is \x2c)
    private void Split(ReadOnlySpan<char> text)
    {
        var first = _members.Count;
        foreach (var range in text.Split(','))
        {
            var member = text[range].Trim();
            if (member.IsEmpty)
            {
                continue;
            }

            var id = member.Contains('\\') ? Id(AnnotatedVcf.Unescape(member.ToString())) : Id(member);
            if (!CollectionsMarshal.AsSpan(_members)[first..].Contains(id))
            {
                _members.Add(id);
            }
        }
    }

    private int Id(ReadOnlySpan<char> member) => _names.Add(member, out _);
}
