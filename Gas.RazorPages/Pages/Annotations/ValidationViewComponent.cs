using Gas.Core.Jobs;
using Gas.Core.Storage;
using Gas.Core.Validation;
using Microsoft.AspNetCore.Mvc;

namespace Gas.RazorPages.Pages.Annotations;

/// <summary>What the job page's Validation section shows: the job, and its stored report.</summary>
public sealed record ValidationSection(string JobId, ValidationReport Report);

/// <summary>
/// The job page's "Validation" section (<c>_Validation.cshtml</c>): reads the report the annotator stored beside the log. The page
/// has already found the job among the user's own; a job without a report (unfinished, or from before reports) shows no section.
/// </summary>
public sealed class ValidationViewComponent(IObjectStore objects) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(AnnotationJob job)
    {
        var report = job.IsFinished ? await ValidationReports.ReadAsync(objects, job, HttpContext.RequestAborted) : null;
        return report is null
            ? Content("")
            : View("~/Pages/Annotations/_Validation.cshtml", new ValidationSection(job.JobId, report));
    }
}
