using Gas.Core.Validation;

namespace Gas.Annotator.Engine.Validation;

/// <summary>
/// Every rule the validator checks. Errors are what the engine cannot annotate past (the job fails naming the line); warnings are
/// every other departure from the specification (the record is annotated, the warning counted). README and docs/engine.md list
/// them; each has a valid and an invalid fixture in Gas.Tests/Engine/Validation/Fixtures.
/// </summary>
public static class VcfRules
{
    private static readonly List<VcfRule> _all = [];

    public static IReadOnlyList<VcfRule> All => _all;

    // errors: the engine cannot read the file, or the record, as VCF (VcfHeader, VcfRecord)
    public static readonly VcfRule FileformatMissing = Error("fileformat-missing", "The first line is ##fileformat=VCFv4.x.", "§1.4.1");
    public static readonly VcfRule RecordBeforeHeader = Error("record-before-header", "Records follow the #CHROM header line.", "§1, §1.5");
    public static readonly VcfRule HeaderLine = Error("header-line", "There is one tab-separated #CHROM POS ID REF ALT QUAL FILTER INFO line, before the records.", "§1.5");
    public static readonly VcfRule HeaderAfterRecords = Error("header-after-columns", "No meta or header line comes after the #CHROM line.", "§1, §1.5");
    public static readonly VcfRule ColumnCount = Error("column-count", "Each record has the header line's columns.", "§1.6, §1.6.2");
    public static readonly VcfRule ChromEmpty = Error("chrom-empty", "CHROM is not empty.", "§1.6.1 CHROM");
    public static readonly VcfRule PosSyntax = Error("pos-syntax", "POS is a non-negative 32-bit integer.", "§1.3, §1.6.1 POS");
    public static readonly VcfRule RefBases = Error("ref-bases", "REF is bases A, C, G, T, N (any case).", "§1.6.1 REF");
    public static readonly VcfRule AltSyntax = Error("alt-syntax", "ALT is '.' or comma-separated alleles: bases, '*', <ID>, or breakends.", "§1.6.1 ALT, §5.4");
    public static readonly VcfRule QualSyntax = Error("qual-syntax", "QUAL is a number (Inf and NaN included) or '.'.", "§1.3, §1.6.1 QUAL");

    // warnings: the header
    public static readonly VcfRule FileformatVersion = Warning("fileformat-version", "##fileformat names VCF 4.1 to 4.5; other versions are checked by the nearest rules.", "§1.4.1");
    public static readonly VcfRule FileformatRepeated = Warning("fileformat-repeated", "There is a single ##fileformat line.", "§1.4.1");
    public static readonly VcfRule MetaSyntax = Warning("meta-syntax", "Meta lines are ##key=value; a structured value is <key=value,...> with its quotes closed.", "§1.4");
    public static readonly VcfRule MetaIdMissing = Warning("meta-id-missing", "Structured INFO, FORMAT, FILTER, ALT, contig and SAMPLE lines (every structured line from 4.3) have an ID.", "§1.4");
    public static readonly VcfRule MetaIdDuplicate = Warning("meta-id-duplicate", "An ID is declared once per kind of meta line.", "§1.4");
    public static readonly VcfRule MetaRequiredFields = Warning("meta-required-fields", "INFO and FORMAT lines have Number, Type and Description; FILTER and ALT lines a Description.", "§1.4.2-§1.4.5");
    public static readonly VcfRule MetaNumber = Warning("meta-number", "Number is an integer, A, R (from 4.2), G, P (from 4.4), LA, LR, LG, M (4.5) or '.'.", "§1.4.2");
    public static readonly VcfRule MetaType = Warning("meta-type", "Type is Integer, Float, Flag, Character or String; FORMAT has no Flag.", "§1.4.2, §1.4.4");
    public static readonly VcfRule MetaFlagNumber = Warning("meta-flag-number", "A Flag has Number=0, and only a Flag has Number=0.", "§1.4.2");
    public static readonly VcfRule MetaDescription = Warning("meta-description", "Description, Source and Version values are in double quotes.", "§1.4.2");
    public static readonly VcfRule MetaKeyName = Warning("meta-key-name", "From 4.3, INFO and FORMAT IDs match [A-Za-z_][0-9A-Za-z_.]* (or are 1000G).", "§1.6.1 INFO, §1.6.2");
    public static readonly VcfRule ContigName = Warning("contig-name", "Contig IDs have no whitespace or ':' (4.1, 4.2), or follow the SAM reference name rules (from 4.3).", "§1.4.7");
    public static readonly VcfRule ContigLength = Warning("contig-length", "A contig's length is a positive integer.", "§1.4.7");
    public static readonly VcfRule HeaderSamples = Warning("header-samples", "After INFO the header line names FORMAT, then each sample once.", "§1.5");

    // warnings: the records
    public static readonly VcfRule ChromName = Warning("chrom-name", "CHROM has no whitespace or ':' (4.1, 4.2), or follows the SAM reference name rules (from 4.3).", "§1.6.1 CHROM, §1.4.7");
    public static readonly VcfRule ChromUndeclared = Warning("chrom-undeclared", "When the header has ##contig lines, every CHROM is one of them.", "§1.4.7");
    public static readonly VcfRule ChromNotContiguous = Warning("chrom-not-contiguous", "The records of one CHROM form one block.", "§1.6.1 CHROM");
    public static readonly VcfRule PosUnsorted = Warning("pos-unsorted", "POS does not decrease within a CHROM.", "§1.6.1 POS");
    public static readonly VcfRule PosBeyondContig = Warning("pos-beyond-contig", "POS is at most the contig's declared length + 1 (a telomere).", "§1.6.1 POS");
    public static readonly VcfRule IdSyntax = Warning("id-syntax", "ID is '.' or ';'-separated identifiers, none empty, without whitespace.", "§1.6.1 ID");
    public static readonly VcfRule IdDuplicate = Warning("id-duplicate", "An identifier appears once, in one record.", "§1.6.1 ID");
    public static readonly VcfRule AltRedundant = Warning("alt-redundant", "ALT alleles differ from REF and from each other.", "§1.6.1 ALT");
    public static readonly VcfRule AltSymbolicUndeclared = Warning("alt-symbolic-undeclared", "A symbolic allele <ID> is declared by an ##ALT line or is a reserved type (DEL, INS, DUP, INV, CNV, BND, *).", "§1.4.5");
    public static readonly VcfRule AltBreakend = Warning("alt-breakend", "A breakend's mate is CHROM:POS with an integer POS.", "§5.4");
    public static readonly VcfRule FilterSyntax = Warning("filter-syntax", "FILTER is PASS, '.', or ';'-separated codes: none empty, repeated, '0' or with whitespace, PASS alone.", "§1.6.1 FILTER");
    public static readonly VcfRule FilterUndeclared = Warning("filter-undeclared", "FILTER codes are declared by ##FILTER lines.", "§1.4.3");
    public static readonly VcfRule InfoSyntax = Warning("info-syntax", "INFO is '.' or ';'-separated key[=value] entries, none empty; before 4.3 values have no spaces.", "§1.6.1 INFO");
    public static readonly VcfRule InfoKeyName = Warning("info-key-name", "From 4.3, INFO keys match [A-Za-z_][0-9A-Za-z_.]* (or are 1000G).", "§1.6.1 INFO");
    public static readonly VcfRule InfoDuplicate = Warning("info-duplicate", "An INFO key appears once per record.", "§1.6.1 INFO");
    public static readonly VcfRule InfoUndeclared = Warning("info-undeclared", "INFO keys are declared by ##INFO lines.", "§1.4.2");
    public static readonly VcfRule InfoFlag = Warning("info-flag", "A Flag has no value; every other INFO key has one.", "§1.4.2");
    public static readonly VcfRule InfoNumber = Warning("info-number", "An INFO value has as many comma-separated items as its Number says (A: one per ALT, R: per allele, G: per genotype).", "§1.4.2");
    public static readonly VcfRule InfoType = Warning("info-type", "INFO values are of their declared Type (32-bit Integer, Float incl. Inf/NaN, one Character).", "§1.3, §1.4.2");
    public static readonly VcfRule FormatSyntax = Warning("format-syntax", "FORMAT is ':'-separated keys, none empty or repeated, named as INFO keys are (from 4.3).", "§1.6.2");
    public static readonly VcfRule FormatGtFirst = Warning("format-gt-first", "GT, when present, is the first FORMAT key.", "§1.6.2");
    public static readonly VcfRule FormatUndeclared = Warning("format-undeclared", "FORMAT keys are declared by ##FORMAT lines.", "§1.4.4");
    public static readonly VcfRule SampleFields = Warning("sample-fields", "A sample has no more ':'-separated fields than FORMAT has keys, and none is empty.", "§1.6.2");
    public static readonly VcfRule SampleNumber = Warning("sample-number", "A sample value has as many items as its Number says (G and P by the sample's ploidy).", "§1.4.4, §1.6.2");
    public static readonly VcfRule SampleType = Warning("sample-type", "Sample values are of their declared Type.", "§1.3, §1.4.4");
    public static readonly VcfRule GtSyntax = Warning("gt-syntax", "GT is allele indices or '.' separated by '/' or '|', each at most the number of ALT alleles.", "§1.6.2 GT");

    /// <summary>The rule with this id, or null for a fault that is no rule of the specification (a GAS limit, damaged gzip).</summary>
    public static VcfRule? Find(string id) => _all.Find(r => r.Id == id);

    private static VcfRule Error(string id, string title, string section) => Add(id, FindingLevel.Error, title, section);

    private static VcfRule Warning(string id, string title, string section) => Add(id, FindingLevel.Warning, title, section);

    private static VcfRule Add(string id, FindingLevel level, string title, string section)
    {
        var rule = new VcfRule(_all.Count, id, level, title, "VCF 4.3 " + section);
        _all.Add(rule);
        return rule;
    }
}
