namespace Gas.Core.VariantIndex;

public sealed partial class IndexRows
{
    /// <summary>A batch's codes for one kind of label: 0 for none, then 1, 2, … in order of appearance.</summary>
    private sealed class LocalLabels
    {
        private readonly Dictionary<string, int> _byRaw = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _byText;
        // asked for once: GetAlternateLookup is a generic method on a shared generic type, so each call would go through the
        // runtime's dictionary lookup stub
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _byChars;
        // the last few values met and their codes: a class (intronic, exonic, UTR3…) comes back every few alleles as the same
        // literal, a pair of genes as the same text, and comparing (by reference first) is cheaper than hashing the text
        private readonly string?[] _recentRaw = new string?[4];
        private readonly int[] _recentCode = new int[4];
        private int _recent;

        public LocalLabels()
        {
            _byText = new Dictionary<string, int>(StringComparer.Ordinal);
            _byChars = _byText.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public List<string> Texts { get; } = [];

        /// <summary>An engine value: neighbouring alleles mostly share a few string instances, so those are compared first.</summary>
        public int Code(string? raw)
        {
            if (raw is null or "." || raw.Length == 0)
            {
                return 0;
            }

            for (var i = 0; i < _recentRaw.Length; i++)
            {
                if (string.Equals(raw, _recentRaw[i], StringComparison.Ordinal))
                {
                    return _recentCode[i];
                }
            }

            if (!_byRaw.TryGetValue(raw, out var code))
            {
                var shown = Shown(raw);
                if (!_byText.TryGetValue(shown, out code))
                {
                    Texts.Add(shown);
                    code = _byText[shown] = Texts.Count;
                }

                _byRaw[raw] = code;
            }

            _recent = (_recent + 1) % _recentRaw.Length;
            _recentRaw[_recent] = raw;
            _recentCode[_recent] = code;
            return code;
        }

        /// <summary>A value as shown.</summary>
        public int Code(ReadOnlySpan<char> text)
        {
            if (text.IsEmpty || text is ".")
            {
                return 0;
            }

            if (!_byChars.TryGetValue(text, out var code))
            {
                var s = text.ToString();
                Texts.Add(s);
                code = _byText[s] = Texts.Count;
            }

            return code;
        }

        public void Clear()
        {
            _byRaw.Clear();
            _byText.Clear();
            Texts.Clear();
            Array.Clear(_recentRaw);
        }

        private static string Shown(string raw) => raw.AsSpan().ContainsAny(_whitespace)
            ? string.Create(raw.Length, raw, (span, s) =>
            {
                for (var i = 0; i < s.Length; i++)
                {
                    span[i] = s[i] is ' ' or '\t' or '\r' or '\n' ? '_' : s[i];
                }
            })
            : raw;
    }
}
