namespace Gas.Core.VariantIndex;

public sealed partial class IndexRows
{
    /// <summary>
    /// A batch's codes for one kind of label: 0 for none, then 1, 2, … in order of appearance. The texts are copied into a
    /// <see cref="LabelSet"/> rather than kept as the engine's strings: a batch waits for the index thread through several
    /// collections, and holding a thousand gene lists each made the GC copy them out of gen0 every time.
    /// </summary>
    private sealed class LocalLabels
    {
        private readonly LabelSet _texts = new(initialCapacity: 64);
        // the last few values met and their codes: a class (intronic, exonic, UTR3…) comes back every few alleles as the same
        // literal, a pair of genes as the same text, and comparing (by reference first) is cheaper than hashing the text
        private readonly string?[] _recentRaw = new string?[4];
        private readonly int[] _recentCode = new int[4];
        private int _recent;
        private char[] _shown = new char[64];

        /// <summary>The batch's labels: code c is text c − 1.</summary>
        public LabelSet Texts => _texts;

        /// <summary>An engine value: neighbouring alleles mostly share a few values, so those are compared first.</summary>
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

            var code = _texts.Add(raw.AsSpan().ContainsAny(_whitespace) ? Shown(raw) : raw, out _) + 1;
            _recent = (_recent + 1) % _recentRaw.Length;
            _recentRaw[_recent] = raw;
            _recentCode[_recent] = code;
            return code;
        }

        /// <summary>A value as shown.</summary>
        public int Code(ReadOnlySpan<char> text) => text.IsEmpty || text is "." ? 0 : _texts.Add(text, out _) + 1;

        public void Clear()
        {
            _texts.Clear();
            Array.Clear(_recentRaw);
        }

        // an engine value as the annotated VCF shows it (whitespace as _), in a buffer of the batch's: no string per value
        private ReadOnlySpan<char> Shown(string raw)
        {
            if (_shown.Length < raw.Length)
            {
                _shown = new char[raw.Length * 2];
            }

            var shown = _shown.AsSpan(0, raw.Length);
            for (var i = 0; i < raw.Length; i++)
            {
                shown[i] = raw[i] is ' ' or '\t' or '\r' or '\n' ? '_' : raw[i];
            }

            return shown;
        }
    }
}
