using System.Text;
using Gas.Annotator.Engine;
using Gas.Annotator.Engine.Reference;
using Gas.Annotator.Engine.Validation;

namespace Gas.Tests.Engine.Validation;

/// <summary>
/// The build-aware engine passes <see cref="EngineOptions.ValidateVcf"/> to every build's engine it makes, carries that engine's
/// report into its summary beside the build it chose, and a refused build is reported as itself, not as damaged input.
/// </summary>
[TestClass]
[TestCategory("Engine")]
public sealed class ValidationAcrossBuilds
{
    private const string Vcf =
        "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t1000\t.\tA\tG\t.\t.\tUNDECLARED=1\n";

    private static BuildAwareVcfEngine Engine(bool validate) =>
        new(new ReferenceLibrary(EngineTestData.SyntheticDirectory, EngineTestData.CacheDirectory("synthetic")), TimeProvider.System, validate: validate);

    [TestMethod]
    public async Task CarriesTheBuildsValidationReportIntoItsSummary()
    {
        var run = await EngineTestData.AnnotateAsync(Engine(validate: true), Encoding.UTF8.GetBytes(Vcf));

        Assert.AreEqual("GRCh37", run.Summary.GenomeBuild);
        var report = run.Summary.Validation ?? throw new AssertFailedException("the build-aware engine dropped the validation report");
        Assert.AreEqual("VCF 4.2", report.Rules);
        Assert.AreEqual(1, report.Records);
        Assert.AreEqual("info-undeclared", report.Findings.Single().Rule);
    }

    [TestMethod]
    public async Task TurnsValidationOffInTheBuildsEngineWhenValidateVcfIsFalse()
    {
        var run = await EngineTestData.AnnotateAsync(Engine(validate: false), Encoding.UTF8.GetBytes(Vcf));

        Assert.AreEqual("none", run.Summary.Validation!.Rules);
        Assert.IsEmpty(run.Summary.Validation.Findings);
    }

    [TestMethod]
    public async Task ReportsARefusedBuildAsThatErrorNotAsDamagedInput()
    {
        var input = Encoding.UTF8.GetBytes(Vcf.Replace("#CHROM", "##reference=human_b36_both.fasta\n#CHROM", StringComparison.Ordinal));
        var refused = await EngineTestData.FailureOf(EngineTestData.AnnotateAsync(Engine(validate: true), input), "the NCBI36 input to be refused");
        var error = refused as GenomeBuildRefusedException ?? throw new AssertFailedException($"expected a GenomeBuildRefusedException, got {refused}");

        // what the worker stores beside the log when an engine refused the input before validating it (JobRunner.Refused)
        var report = error.Validation ?? new VcfValidation(enabled: false).Report(error);

        Assert.AreEqual("genome-build-refused", report.Error!.Rule);
        Assert.AreEqual(error.Message, report.Error.First[0].Message);
    }
}
