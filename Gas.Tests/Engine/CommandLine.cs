using Gas.Annotator.Cli;

namespace Gas.Tests.Engine;

/// <summary>The engine's subcommands of Gas.Annotator, called as Main calls them.</summary>
[TestClass]
[TestCategory("Engine")]
public sealed class CommandLine
{
    [TestMethod]
    [DataRow(new string[0])]
    [DataRow(new[] { "--worker" })]
    [DataRow(new[] { "daemon", "annotate" })]
    public void LeavesArgumentsItDoesNotOwnToTheDaemon(string[] args) =>
        Assert.IsNull(EngineCommands.TryRunAsync(args));

    [TestMethod]
    public async Task AnnotatesOneFileWithTheSameEngineAsTheDaemon()
    {
        var reference = EngineTestData.NewTempDirectory();
        foreach (var file in Directory.GetFiles(EngineTestData.SyntheticDirectory, "synthetic_*"))
        {
            File.Copy(file, Path.Combine(reference, Path.GetFileName(file)));
        }

        var work = EngineTestData.NewTempDirectory();
        var input = Path.Combine(work, "in.vcf");
        var output = Path.Combine(work, "out.vcf");
        await File.WriteAllTextAsync(input, EngineTestData.Vcf("1\t11000\t.\tA\tG\t.\t.\t."));

        var exit = await EngineCommands.TryRunAsync(["annotate", "--reference", reference, input, output])!;

        Assert.AreEqual(0, exit);
        StringAssert.Contains(await File.ReadAllTextAsync(output), "Func.refGene=exonic;Gene.refGene=PLUS1");
    }

    [TestMethod]
    public async Task ExitsWithADataErrorForAnInvalidVcf()
    {
        var work = EngineTestData.NewTempDirectory();
        var input = Path.Combine(work, "in.vcf");
        await File.WriteAllTextAsync(input, "not a vcf\n");

        var exit = await EngineCommands.TryRunAsync(["annotate", input, Path.Combine(work, "out.vcf")])!;

        Assert.AreEqual(65, exit);
    }

    [TestMethod]
    public async Task ExitsWithADataErrorForATruncatedGzip()
    {
        var work = EngineTestData.NewTempDirectory();
        var input = Path.Combine(work, "in.vcf.gz");
        var gzip = InputFiles.Gzip(InputFiles.Utf8(InputFiles.Vcf(2_000, i => $"1\t{100 + i}\t.\tA\tG\t.\t.\t.")));
        await File.WriteAllBytesAsync(input, gzip[..(gzip.Length / 2)]);

        var exit = await EngineCommands.TryRunAsync(["annotate", input, Path.Combine(work, "out.vcf")])!;

        Assert.AreEqual(65, exit);
    }

    private static string Fixture(string rule, string name) =>
        Path.Combine(EngineTestData.RepoRoot, "Gas.Tests", "Engine", "Validation", "Fixtures", rule, name);

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await EngineCommands.TryRunAsync(args, output, error)!;
        return (exit, output.ToString(), error.ToString());
    }

    [TestMethod]
    public async Task AnnotatePrintsWhatBreaksTheSpecificationToStandardErrorAsLineNAndAnnotatesAnyway()
    {
        var output = Path.Combine(EngineTestData.NewTempDirectory(), "out.vcf");

        var (exit, _, error) = await RunAsync("annotate", Fixture("info-undeclared", "invalid.vcf"), output);

        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(error, "info-undeclared (warning, 1×)");
        CollectionAssert.Contains(error.Split(Environment.NewLine), "Line 11: INFO key 'MQ' is not declared by an ##INFO line.");
        Assert.HasCount(1, File.ReadAllLines(output).Where(l => !l.StartsWith('#')));
    }

    [TestMethod]
    public async Task ValidateOnlyExitsZeroWhenThereAreOnlyWarningsAndPrintsTheSummaryToStandardOutput()
    {
        var input = Fixture("info-undeclared", "invalid.vcf");

        var (exit, output, error) = await RunAsync("annotate", "--validate-only", input);

        Assert.AreEqual(0, exit, error);
        StringAssert.Contains(error, "Line 11: INFO key 'MQ' is not declared by an ##INFO line.");
        StringAssert.Contains(output, $"{input}: Validation by the VCF 4.2 rules (the file declares VCFv4.2): 0 error(s), 1 warning(s) of 1 kind(s) in 1 record(s).");
    }

    [TestMethod]
    public async Task ValidateOnlyExitsZeroAndQuietForAValidFile()
    {
        var (exit, output, error) = await RunAsync("annotate", "--validate-only", Fixture("info-undeclared", "valid.vcf"));

        Assert.AreEqual(0, exit, error);
        Assert.DoesNotContain("Line ", error);
        StringAssert.Contains(output, "0 error(s), 0 warning(s)");
    }

    [TestMethod]
    public async Task ValidateOnlyExitsWithADataErrorNamingTheLineOfAnError()
    {
        var (exit, _, error) = await RunAsync("annotate", "--validate-only", Fixture("ref-bases", "invalid.vcf"));

        Assert.AreEqual(65, exit);
        StringAssert.Contains(error, "ref-bases (error, 1×)");
        StringAssert.Contains(error, "Not a valid VCF: Line 11: REF 'R' must be bases A, C, G, T or N.");
    }
}
