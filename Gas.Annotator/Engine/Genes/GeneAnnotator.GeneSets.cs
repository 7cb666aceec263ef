namespace Gas.Annotator.Engine;

/// <summary>The small by-reference collections behind the exonic, splicing, UTR … hashes of ANNOVAR's gene walk.</summary>
public sealed partial class GeneAnnotator
{
    /// <summary>A handful of interned gene names compared by reference: cheaper than hashing for the one to five genes a variant hits.</summary>
    private sealed class GeneSet : IEnumerable<string>
    {
        private readonly List<string> _genes = [];

        public int Count => _genes.Count;

        public void Add(string gene)
        {
            if (!Contains(gene))
            {
                _genes.Add(gene);
            }
        }

        public bool Contains(string gene)
        {
            foreach (var g in _genes)
            {
                if (ReferenceEquals(g, gene))
                {
                    return true;
                }
            }

            return false;
        }

        public bool ContainsName(string gene) => _genes.Contains(gene, StringComparer.Ordinal);

        public void Clear() => _genes.Clear();

        public List<string>.Enumerator GetEnumerator() => _genes.GetEnumerator();

        IEnumerator<string> IEnumerable<string>.GetEnumerator() => _genes.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => _genes.GetEnumerator();
    }

    /// <summary>Gene to accumulated detail text, by reference like <see cref="GeneSet"/>.</summary>
    private sealed class GeneMap : IEnumerable<KeyValuePair<string, string>>
    {
        private readonly List<KeyValuePair<string, string>> _items = [];

        public int Count => _items.Count;

        public List<string> KeyList()
        {
            var keys = new List<string>(_items.Count);
            foreach (var p in _items)
            {
                keys.Add(p.Key);
            }

            return keys;
        }

        public List<string> Labels()
        {
            var labels = new List<string>(_items.Count);
            foreach (var p in _items)
            {
                labels.Add($"{p.Key}({p.Value})");
            }

            return labels;
        }

        public bool AnyKeyIn(GeneSet genes)
        {
            foreach (var p in _items)
            {
                if (genes.Contains(p.Key))
                {
                    return true;
                }
            }

            return false;
        }

        public string this[string gene]
        {
            set
            {
                for (var i = 0; i < _items.Count; i++)
                {
                    if (ReferenceEquals(_items[i].Key, gene))
                    {
                        _items[i] = new(gene, value);
                        return;
                    }
                }

                _items.Add(new(gene, value));
            }
        }

        public bool TryGetValue(string gene, out string value)
        {
            foreach (var p in _items)
            {
                if (ReferenceEquals(p.Key, gene))
                {
                    value = p.Value;
                    return true;
                }
            }

            value = "";
            return false;
        }

        public void Clear() => _items.Clear();

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _items.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => _items.GetEnumerator();
    }
}
