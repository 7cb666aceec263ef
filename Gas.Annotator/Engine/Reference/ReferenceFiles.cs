namespace Gas.Annotator.Engine.Reference;

/// <summary>The tables found in a reference directory.</summary>
public sealed record ReferenceFiles(string? Genes, string? CytoBand, string? Gwas, string? DbSnp)
{
    /// <summary>The genome sequence, <c>&lt;build&gt;.2bit</c> (any <c>*.2bit</c>); not part of the index cache.</summary>
    public string? Genome { get; init; }

    public bool HasAny => Genes is not null || CytoBand is not null || Gwas is not null || DbSnp is not null;

    public IEnumerable<string> All => new[] { Genes, CytoBand, Gwas, DbSnp }.OfType<string>();

    /// <summary>Finds refGene/refFlat, cytoBand, GWAS catalog and dbSNP VCF files by name (plain or .gz).</summary>
    public static ReferenceFiles Discover(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return new ReferenceFiles(null, null, null, null);
        }

        var files = Directory.GetFiles(directory).Order(StringComparer.Ordinal).ToArray();
        string? Pick(Func<string, bool> match) => files.FirstOrDefault(f => match(Path.GetFileName(f).ToUpperInvariant()));
        static bool IsTable(string name) => name.EndsWith(".TXT", StringComparison.Ordinal) || name.EndsWith(".TXT.GZ", StringComparison.Ordinal)
            || name.EndsWith(".TSV", StringComparison.Ordinal) || name.EndsWith(".TSV.GZ", StringComparison.Ordinal);

        var genes = Pick(n => IsTable(n) && n.Contains("REFGENE", StringComparison.Ordinal))
            ?? Pick(n => IsTable(n) && n.Contains("REFFLAT", StringComparison.Ordinal));
        var cyto = Pick(n => IsTable(n) && n.Contains("CYTOBAND", StringComparison.Ordinal));
        var gwas = Pick(n => IsTable(n) && n.Contains("GWAS", StringComparison.Ordinal));
        var dbsnp = Pick(n => n.EndsWith(".VCF", StringComparison.Ordinal) || n.EndsWith(".VCF.GZ", StringComparison.Ordinal));
        var genome = Pick(n => n.EndsWith(".2BIT", StringComparison.Ordinal));
        return new ReferenceFiles(genes, cyto, gwas, dbsnp) { Genome = genome };
    }
}
