using Gas.Core.Jobs;
using Gas.Core.Validation;
using Gas.RazorPages.Jobs;
using Microsoft.AspNetCore.Mvc;

namespace Gas.RazorPages.Pages.Annotations;

/// <summary>What the job page's Validation section shows: the job, and its stored report.</summary>
public sealed record ValidationSection(string JobId, ValidationReport Report);

/// <summary>
/// The job page's "Validation" section (<c>_Validation.cshtml</c>): reads the report the annotator stored beside the log. The page
/// has already found the job among the user's own; a job without a report (unfinished, or from before reports) shows no section.
/// </summary>
public sealed class ValidationViewComponent(ValidationReportMemory reports) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(AnnotationJob job)
    {
        var report = await reports.ReadAsync(job, HttpContext.RequestAborted);
        return report is null
            ? Content("")
            : View("~/Pages/Annotations/_Validation.cshtml", new ValidationSection(job.JobId, report));
    }
}
