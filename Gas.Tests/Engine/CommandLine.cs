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
}
