using Gas.Core.VariantIndex;
using Gas.RazorPages.Jobs;

namespace Gas.Tests.Results;

/// <summary>The variant table's link-outs follow the job's recorded build; a job without one keeps what its VCF header says.</summary>
[TestClass]
[TestCategory("Unit")]
public sealed class ResultLinkOuts
{
    private static readonly AlleleRow Row = new(0, "chr17", 41_245_466, "rs80357713", "GA", "G", 50, "PASS",
        "exonic", "BRCA1", null, null, null, "17q21.31", null, null);

    private static ResultsIndexInfo Header(string build, string ucsc) => new(ResultsIndexFormat.SchemaVersion, build, ucsc, false, null, null, 1, 1, true);

    [TestMethod]
    public void AGrch38JobLinksToTheMainEnsemblSiteAndHg38()
    {
        var info = Header("GRCh37", "hg19").ForJobBuild("GRCh38");
        Assert.AreEqual("https://www.ensembl.org/Homo_sapiens/Location/View?r=17%3A41245466-41245467", VariantLinks.Ensembl(info, Row));
        Assert.AreEqual("https://genome.ucsc.edu/cgi-bin/hgTracks?db=hg38&position=chr17%3A41245466-41245467", VariantLinks.Ucsc(info, Row));
    }

    [TestMethod]
    public void AnHg19JobLinksToTheGrch37ArchiveSite()
    {
        var info = Header("GRCh38", "hg38").ForJobBuild("hg19");
        Assert.AreEqual("https://grch37.ensembl.org/Homo_sapiens/Location/View?r=17%3A41245466-41245467", VariantLinks.Ensembl(info, Row));
        StringAssert.Contains(VariantLinks.Ucsc(info, Row), "db=hg19&");
    }

    [TestMethod]
    public void AJobWithoutARecordedBuildKeepsTheHeadersBuild()
    {
        var info = Header("GRCh38", "hg38");
        Assert.AreSame(info, info.ForJobBuild(null));
        Assert.AreSame(info, info.ForJobBuild("detect"));
        StringAssert.StartsWith(VariantLinks.Ensembl(info.ForJobBuild(null), Row), "https://www.ensembl.org/");
    }
}
