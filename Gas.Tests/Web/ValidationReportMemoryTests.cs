using Gas.Core.Jobs;
using Gas.Core.Storage;
using Gas.Core.Validation;
using Gas.RazorPages.Jobs;
using Gas.Tests.Support;

namespace Gas.Tests.Web;

/// <summary>
/// The job page's validation reports come from memory after the first read, for finished jobs only; a job without a report is
/// read again (so a report that appears is seen), and a remembered one is read again once its lifetime has passed.
/// </summary>
[TestClass]
[TestCategory("Unit")]
public sealed class ValidationReportMemoryTests
{
    private static readonly ValidationReport Report = new() { Rules = "VCF 4.2", DeclaredVersion = "VCFv4.2", Records = 12 };

    [TestMethod]
    public async Task AFinishedJobsReportIsReadFromTheStoreOnceAndThenFromMemory()
    {
        using var services = new EmbeddedServices();
        var objects = services.Get<IObjectStore>();
        var job = await FinishedJobWithReportAsync(objects);
        var memory = new ValidationReportMemory(objects, services.Clock);

        Assert.AreEqual(12, (await memory.ReadAsync(job, default))?.Records);
        await objects.DeleteAsync(job.ResultsBucket!, ValidationReports.KeyFor(job.LogKey!));

        Assert.AreEqual(12, (await memory.ReadAsync(job, default))?.Records, "served from memory, not the store");
        services.Clock.Advance(ValidationReportMemory.Lifetime);
        Assert.IsNull(await memory.ReadAsync(job, default), "past its lifetime the store is asked again");
    }

    [TestMethod]
    public async Task AJobWithoutAReportIsNotRememberedSoOneStoredLaterIsShown()
    {
        using var services = new EmbeddedServices();
        var objects = services.Get<IObjectStore>();
        var job = Finished();
        var memory = new ValidationReportMemory(objects, services.Clock);

        Assert.IsNull(await memory.ReadAsync(job, default));
        await ValidationReports.SaveAsync(objects, job.ResultsBucket!, job.LogKey!, Report);

        Assert.AreEqual(12, (await memory.ReadAsync(job, default))?.Records);
    }

    [TestMethod]
    public async Task AnUnfinishedJobShowsNoReportEvenWhenOneIsStored()
    {
        using var services = new EmbeddedServices();
        var objects = services.Get<IObjectStore>();
        var job = (await FinishedJobWithReportAsync(objects)) with { Status = JobStatus.Running };

        Assert.IsNull(await new ValidationReportMemory(objects, services.Clock).ReadAsync(job, default));
    }

    private static AnnotationJob Finished()
    {
        var job = new JobBuilder().Build();
        return job with
        {
            Status = JobStatus.Completed,
            ResultsBucket = "gas-results",
            ResultKey = $"{job.UserId}/{job.JobId}~test.annot.vcf",
            LogKey = $"{job.UserId}/{job.JobId}~test.vcf.count.log",
        };
    }

    private static async Task<AnnotationJob> FinishedJobWithReportAsync(IObjectStore objects)
    {
        var job = Finished();
        await ValidationReports.SaveAsync(objects, job.ResultsBucket!, job.LogKey!, Report);
        return job;
    }
}
