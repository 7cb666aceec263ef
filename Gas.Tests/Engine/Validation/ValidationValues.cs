using System.Text;
using Gas.Annotator.Engine.Validation;

namespace Gas.Tests.Engine.Validation;

/// <summary>The value types of VCF §1.3, the version a file declares, and the genotype count behind Number=G.</summary>
[TestClass]
[TestCategory("Unit")]
public sealed class ValidationValues
{
    [TestMethod]
    [DataRow("1", true)]
    [DataRow("-1.5", true)]
    [DataRow("+.5", true)]
    [DataRow("1e-3", true)]
    [DataRow("1.5E+10", true)]
    [DataRow("Inf", true)]
    [DataRow("-INFINITY", true)]
    [DataRow("nan", true)]
    [DataRow("5.", false)]
    [DataRow("1e", false)]
    [DataRow("", false)]
    [DataRow("-", false)]
    [DataRow("1,5", false)]
    [DataRow("0x10", false)]
    [DataRow("Infinite", false)]
    public void ReadsFloatsAsTheSpecificationSpellsThem(string value, bool isFloat) =>
        Assert.AreEqual(isFloat, VcfValues.IsFloat(Encoding.ASCII.GetBytes(value)));

    [TestMethod]
    [DataRow("0", "Valid")]
    [DataRow("+7", "Valid")]
    [DataRow("-2147483640", "Valid")]
    [DataRow("2147483647", "Valid")]
    [DataRow("0000000000002", "Valid")]
    [DataRow("-2147483641", "OutOfRange")]
    [DataRow("2147483648", "OutOfRange")]
    [DataRow("99999999999999999999", "OutOfRange")]
    [DataRow("1.0", "NotAnInteger")]
    [DataRow("", "NotAnInteger")]
    [DataRow("-", "NotAnInteger")]
    public void ReadsIntegersWithinTheRangeBcfCanHold(string value, string expected) =>
        Assert.AreEqual(expected, VcfValues.CheckInteger(Encoding.ASCII.GetBytes(value)).ToString());

    [TestMethod]
    [DataRow(2, 2, 3L)]
    [DataRow(3, 2, 6L)]
    [DataRow(3, 3, 10L)]
    [DataRow(4, 1, 4L)]
    [DataRow(2, 4, 5L)]
    public void CountsGenotypesAsTheOrderingInTheSpecificationDoes(int alleles, int ploidy, long genotypes) =>
        Assert.AreEqual(genotypes, RecordValidator.Genotypes(alleles, ploidy));

    [TestMethod]
    [DataRow("VCFv4.1", 1, false)]
    [DataRow("VCFv4.3", 3, false)]
    [DataRow("VCFv4.5", 5, false)]
    [DataRow("VCFv4.0", 1, true)]
    [DataRow("VCFv3.3", 1, true)]
    [DataRow("VCFv4.9", 5, true)]
    [DataRow("VCF4.2", 2, true)]
    public void ChoosesTheRulesOfTheDeclaredVersionOrTheNearest(string declared, int minor, bool questioned)
    {
        var version = VcfVersion.Parse(declared);

        Assert.AreEqual(minor, version.Minor);
        Assert.AreEqual(questioned, version.UnknownBecause is not null);
        Assert.AreEqual(declared == "VCFv3.3", version.Legacy);
    }
}
