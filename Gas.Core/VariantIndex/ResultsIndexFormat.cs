namespace Gas.Core.VariantIndex;

/// <summary>
/// The results index: one SQLite file per job, stored next to the annotated VCF. Categorical columns are integer codes
/// into <c>labels</c>; <c>facets</c> holds allele counts per combination of the filterable categories, so a summary for a
/// filter on them never touches the variant rows; <c>meta</c> holds the build, the run's warnings and the unfiltered summary.
/// </summary>
public static class ResultsIndexFormat
{
    /// <summary>Bumped when the schema changes; an index of another version is rebuilt from the VCF.</summary>
    public const int SchemaVersion = 1;

    /// <summary><c>&lt;prefix&gt;&lt;stem&gt;.annot.vcf</c> → <c>&lt;prefix&gt;&lt;stem&gt;.annot.index.sqlite</c>: derived, so the job record needs no new field.</summary>
    public static string IndexKeyFor(string resultKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(resultKey);
        var stem = resultKey.EndsWith(".vcf", StringComparison.OrdinalIgnoreCase) ? resultKey[..^4] : resultKey;
        return stem + ".index.sqlite";
    }

    /// <summary>Label kinds: the categorical columns of <c>facets</c>, integer codes into <c>labels</c>.</summary>
    public static class Kinds
    {
        public const string Chrom = "chrom";
        public const string Filter = "filter";
        public const string Func = "func";
        public const string Genes = "genes";
        public const string ExonicFunc = "exonic_func";
        public const string CytoBand = "cytoband";
        public const string Gwas = "gwas";
        public const string BuildCheck = "build_check";
    }

    /// <summary>
    /// A variant row keeps what is its own (position, alleles, QUAL, HGVS text) and one <c>facet</c>: the combination of its
    /// categories (chromosome, FILTER, Func, genes, ExonicFunc, cytoband, GWAS trait, build check, known), which <c>facets</c>
    /// lists once with its allele count. Categorical filters select facets; the one index, on <c>variants(facet, pos)</c>, finds their rows.
    /// </summary>
    internal const string CreateTables = """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE labels(kind TEXT NOT NULL, id INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY(kind, id)) WITHOUT ROWID;
        CREATE TABLE facets(
            id INTEGER PRIMARY KEY,
            chrom INTEGER NOT NULL, filter INTEGER NOT NULL, func INTEGER NOT NULL, genes INTEGER NOT NULL, exonic_func INTEGER NOT NULL,
            cytoband INTEGER NOT NULL, gwas INTEGER NOT NULL, build_check INTEGER NOT NULL, known INTEGER NOT NULL,
            n INTEGER NOT NULL);
        CREATE TABLE variants(
            id INTEGER PRIMARY KEY,
            record INTEGER NOT NULL,
            facet INTEGER NOT NULL,
            pos INTEGER NOT NULL,
            vcf_id TEXT,
            ref TEXT NOT NULL,
            alt TEXT NOT NULL,
            qual REAL,
            gene_detail TEXT,
            aa_change TEXT);
        """;

    /// <summary>
    /// Made after the rows are in: one sort instead of a B-tree update per insert. <c>(facet, pos)</c> serves a category
    /// filter (its facets' rows) and a region (the chromosome's facets, each a range of positions) alike.
    /// </summary>
    internal const string CreateIndexes = "CREATE INDEX variants_facet_pos ON variants(facet, pos);";

    internal static class MetaKeys
    {
        public const string Schema = "schema_version";
        public const string Build = "build";
        public const string UcscName = "ucsc_name";
        public const string BuildAssumed = "build_assumed";
        public const string BuildWarning = "build_warning";
        public const string Sources = "sources";
        public const string Records = "records";
        public const string Alleles = "alleles";
        public const string Summary = "summary";
        public const string HasVariants = "has_variants";
    }
}

/// <summary>The label kinds as numbers, for the builder's per-kind tables (same order as <see cref="LabelKinds.Names"/>).</summary>
internal enum LabelKind
{
    Chrom,
    Filter,
    Func,
    Genes,
    ExonicFunc,
    CytoBand,
    Gwas,
    BuildCheck,
}

internal static class LabelKinds
{
    public static readonly string[] Names =
    [
        ResultsIndexFormat.Kinds.Chrom, ResultsIndexFormat.Kinds.Filter, ResultsIndexFormat.Kinds.Func, ResultsIndexFormat.Kinds.Genes,
        ResultsIndexFormat.Kinds.ExonicFunc, ResultsIndexFormat.Kinds.CytoBand, ResultsIndexFormat.Kinds.Gwas, ResultsIndexFormat.Kinds.BuildCheck,
    ];
}
