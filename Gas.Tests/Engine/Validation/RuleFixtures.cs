using Gas.Annotator.Engine;
using Gas.Annotator.Engine.Validation;
using Gas.Core.Validation;

namespace Gas.Tests.Engine.Validation;

/// <summary>
/// Every rule of the validator has fixtures written from the specifications, in <c>Fixtures/&lt;rule&gt;/</c>: <c>valid*.vcf</c>
/// files (accepted without a single warning) and <c>invalid*.vcf</c> files whose <c>.expected</c> gives the first line the rule
/// reports (and, as <c>also: rule</c>, any other rule the same fault necessarily breaks). All engines must agree, the build-aware
/// one too (it reads the header once to choose the build, then hands the input to that build's engine).
/// </summary>
[TestClass]
[TestCategory("Engine")]
public sealed class RuleFixtures
{
    private static string Root => Path.Combine(EngineTestData.RepoRoot, "Gas.Tests", "Engine", "Validation", "Fixtures");

    public static IEnumerable<object[]> ValidFixtures => Fixtures("valid*.vcf");

    public static IEnumerable<object[]> InvalidFixtures => Fixtures("invalid*.vcf");

    private static IEnumerable<object[]> Fixtures(string pattern) =>
        from directory in Directory.GetDirectories(Root).Order(StringComparer.Ordinal)
        from file in Directory.GetFiles(directory, pattern).Order(StringComparer.Ordinal)
        from engine in new[] { "basic", "reference", "build-aware" }
        select new object[] { Path.GetRelativePath(Root, file), engine };

    [TestMethod]
    public void EveryRuleHasAValidAndAnInvalidFixtureWithTheMessageItExpects()
    {
        foreach (var rule in VcfRules.All)
        {
            var directory = Path.Combine(Root, rule.Id);
            Assert.IsTrue(Directory.Exists(directory), $"rule {rule.Id} has no fixtures");
            Assert.IsNotEmpty(Directory.GetFiles(directory, "valid*.vcf"), $"rule {rule.Id} has no valid fixture");
            var invalid = Directory.GetFiles(directory, "invalid*.vcf");
            Assert.IsNotEmpty(invalid, $"rule {rule.Id} has no invalid fixture");
            foreach (var file in invalid)
            {
                Assert.IsTrue(File.Exists(Path.ChangeExtension(file, ".expected")), $"{file} has no .expected message");
            }
        }
    }

    [TestMethod]
    public void EveryFixtureFolderIsARule()
    {
        foreach (var directory in Directory.GetDirectories(Root))
        {
            Assert.IsNotNull(VcfRules.Find(Path.GetFileName(directory)), $"{directory} names no rule");
        }
    }

    [TestMethod]
    [DynamicData(nameof(ValidFixtures))]
    public async Task AcceptsAValidFixtureWithoutAWarning(string fixture, string engine)
    {
        var run = await EngineTestData.AnnotateAsync(EngineTestData.Engine(engine), await File.ReadAllBytesAsync(Path.Combine(Root, fixture)));

        var report = run.Summary.Validation!;
        Assert.IsEmpty(report.Findings, string.Join("\n", report.Findings.Select(f => $"{f.Rule}: {f.First[0].Line}: {f.First[0].Message}")));
        Assert.AreNotEqual("none", report.Rules);
    }

    [TestMethod]
    [DynamicData(nameof(InvalidFixtures))]
    public async Task ReportsAnInvalidFixtureByItsRuleOnItsLine(string fixture, string engine)
    {
        var rule = VcfRules.Find(Path.GetDirectoryName(fixture)!)!;
        var expected = await File.ReadAllLinesAsync(Path.Combine(Root, Path.ChangeExtension(fixture, ".expected")));
        var also = expected.Skip(1).Select(l => l["also: ".Length..]).ToHashSet();
        var input = await File.ReadAllBytesAsync(Path.Combine(Root, fixture));

        ValidationReport report;
        if (rule.Level == FindingLevel.Error)
        {
            var refused = await EngineTestData.FailureOf(EngineTestData.AnnotateAsync(EngineTestData.Engine(engine), input), $"the {engine} engine to refuse {fixture}");
            var error = refused as VcfFormatException ?? throw new AssertFailedException($"{fixture}: expected a VcfFormatException, got {refused}");
            Assert.AreEqual(expected[0], error.Message);
            Assert.AreEqual(rule.Id, error.Rule);
            report = error.Validation!;
            Assert.AreEqual(error.Message, $"Line {report.Error!.First[0].Line}: {report.Error.First[0].Message}");
            Assert.IsFalse(report.Complete);
        }
        else
        {
            report = (await EngineTestData.AnnotateAsync(EngineTestData.Engine(engine), input)).Summary.Validation!;
        }

        var found = report.Findings.Single(f => f.Rule == rule.Id);
        Assert.AreEqual(rule.Level, found.Level);
        Assert.AreEqual(expected[0], $"Line {found.First[0].Line}: {found.First[0].Message}");
        CollectionAssert.AreEquivalent(also.Append(rule.Id).ToArray(), report.Findings.Select(f => f.Rule).ToArray(),
            "the fixture breaks its rule and no other");
    }
}
