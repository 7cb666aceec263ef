namespace Gas.Core.VariantIndex;

/// <summary>
/// The results index: one SQLite file per job, stored next to the annotated VCF. Categorical columns are integer codes
/// into <c>labels</c> (a blob per kind, <see cref="LabelTable"/>); <c>facets</c> holds allele counts per combination of the filterable categories (as blobs,
/// <see cref="FacetTable"/>), so a summary for a filter on them never touches the variant rows; <c>meta</c> holds the build, the run's warnings and the unfiltered summary.
/// The alleles themselves are stored in blocks of at most <see cref="BlockRows"/> (a block is a batch of the engine's, so
/// sizes vary), column by column (<see cref="BlockColumn"/>), one blob per block and column in <c>columns</c>: a filter reads the facet column of each block (4 bytes an allele) to find its
/// matches, and only a page's blocks are read whole.
/// </summary>
public static class ResultsIndexFormat
{
    /// <summary>
    /// Bumped when the schema changes; an index of another version is rebuilt from the VCF (version 1 held a SQLite row per
    /// allele, version 2 a row per facet, version 3 four-byte text offsets, version 4 eight-byte positions and QUALs, four-byte
    /// record numbers and 44-byte facets; their summary-only copies, whose meta table is the same, are still read for the summary).
    /// </summary>
    public const int SchemaVersion = 5;

    /// <summary>The first schema: rows per allele. Its <c>meta</c> table, and so its summary, reads as today's.</summary>
    public const int RowSchemaVersion = 1;

    /// <summary>The most alleles a block holds.</summary>
    public const int BlockRows = 4096;

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
    /// <c>blocks</c>: each block's first allele (0-based, file order), allele count and first record; <c>block_chroms</c>: the
    /// chromosomes a block holds and the span of positions on each, so a region skips the blocks it cannot touch;
    /// <c>columns</c>: one blob per block and column, its id <c>block * ColumnCount + column</c>.
    /// </summary>
    internal const string CreateTables = """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE labels(kind TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE facets(id INTEGER PRIMARY KEY, data BLOB NOT NULL);
        CREATE TABLE blocks(id INTEGER PRIMARY KEY, first_row INTEGER NOT NULL, row_count INTEGER NOT NULL, first_record INTEGER NOT NULL);
        CREATE TABLE block_chroms(block INTEGER NOT NULL, chrom INTEGER NOT NULL, min_pos INTEGER NOT NULL, max_pos INTEGER NOT NULL);
        CREATE TABLE columns(id INTEGER PRIMARY KEY, data BLOB NOT NULL);
        """;

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

/// <summary>
/// A block's columns, each a little-endian array of one value per allele: <see cref="Facet"/> the facet id (int32),
/// <see cref="Pos"/> POS (int32, or int64 in a block with a position past 2^31 - 1), <see cref="Record"/> the record number
/// less the block's first (uint16, or int32 in a block whose alleles span more records; <see cref="WidenedColumn{TNarrow, TWide}"/>), <see cref="Qual"/>
/// QUAL (double, NaN for none; or scaled to int32 when the block's values allow, <see cref="QualColumn"/>), <see cref="Text"/> the allele's own text — ID, REF, ALT, GeneDetail, AAChange — as UTF-8, and
/// <see cref="TextLengths"/> each of those values' length in bytes, <c>rows * 5</c> of them as unsigned LEB128 (an empty value
/// stands for none; <see cref="VariantIndex.TextLengths"/>).
/// </summary>
internal enum BlockColumn
{
    Facet,
    Pos,
    Record,
    Qual,
    Text,
    TextLengths,
}

internal static class BlockColumns
{
    public const int Count = 6;

    /// <summary>Text values per allele, in this order.</summary>
    public const int TextValues = 5;

    public const int Id = 0, Ref = 1, Alt = 2, GeneDetail = 3, AAChange = 4;

    public static long Key(int block, BlockColumn column) => (long)block * Count + (int)column;
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
