namespace Gas.Tests.Cli;

/// <summary>
/// Checks an annotated VCF against its input without the engine's code: the same records in the same order (CHROM, POS,
/// REF, ALT), the input's column header, and new INFO keys declared in the header and carried by every record.
/// </summary>
internal static class AnnotatedVcf
{
    public static void AssertAnnotates(string[] input, string[] annotated)
    {
        Assert.IsTrue(annotated.Length > 0 && annotated[0].StartsWith("##fileformat=VCFv4", StringComparison.Ordinal), $"first line: {annotated.FirstOrDefault()}");
        Assert.AreEqual(ColumnHeader(input), ColumnHeader(annotated), "the #CHROM line");

        var inputRecords = Records(input).Select(Site).ToList();
        var outputRecords = Records(annotated).ToList();
        Assert.IsNotEmpty(inputRecords);
        CollectionAssert.AreEqual(inputRecords, outputRecords.Select(Site).ToList(), "the same records in the same order");

        var added = InfoIds(annotated).Except(InfoIds(input)).ToHashSet(StringComparer.Ordinal);
        Assert.IsNotEmpty(added, "the annotation declares new INFO keys");
        foreach (var record in outputRecords)
        {
            var keys = record.Split('\t')[7].Split(';').Select(field => field.Split('=')[0]);
            Assert.IsTrue(keys.Any(added.Contains), $"the record carries none of {string.Join(", ", added)}: {record}");
        }
    }

    private static string ColumnHeader(string[] lines) => lines.First(l => l.StartsWith("#CHROM", StringComparison.Ordinal)).TrimEnd();

    private static IEnumerable<string> Records(string[] lines) => lines.Where(l => l.Length > 0 && l[0] != '#');

    private static string Site(string record)
    {
        var columns = record.Split('\t');
        return $"{columns[0]}:{columns[1]}:{columns[3]}>{columns[4]}";
    }

    private static IEnumerable<string> InfoIds(string[] lines) =>
        lines.Where(l => l.StartsWith("##INFO=<ID=", StringComparison.Ordinal)).Select(l => l["##INFO=<ID=".Length..].Split(',')[0]);
}
