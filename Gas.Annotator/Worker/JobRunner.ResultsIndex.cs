using System.Globalization;
using Gas.Core.Jobs;
using Microsoft.Extensions.Logging;

namespace Gas.Annotator.Worker;

public sealed partial class JobRunner
{
    /// <summary>
    /// Stores the results index next to the results, for the job page's summary and variant table. A job whose index could
    /// not be built still completes: the web tier builds the index from the VCF on first view.
    /// </summary>
    private async Task IndexResultsAsync(JobOutputs outputs, string annotatedPath, TextWriter log, CancellationToken ct)
    {
        try
        {
            var stats = await resultsIndex.BuildAndStoreAsync(outputs.ResultsBucket, outputs.ResultKey, annotatedPath, ct);
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Results index: {stats.Alleles:N0} alleles indexed in {stats.Elapsed.TotalSeconds:0.000} s"));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not index the results of {ResultKey}; the web tier will build the index on first view", outputs.ResultKey);
            await log.WriteLineAsync("Results index: not built (" + e.Message + "); it will be built when the results are first viewed.");
        }
    }
}
