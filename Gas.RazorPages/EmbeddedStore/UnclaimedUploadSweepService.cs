using Gas.Core.Embedded;
using Gas.RazorPages.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.EmbeddedStore;

/// <summary>
/// Runs <see cref="UnclaimedUploadSweep"/> in the process that serves the embedded store, once at start and then every
/// <see cref="WebOptions.UnclaimedUploadSweepInterval"/> (on the app's clock). The S3 family needs no such job: the inputs
/// bucket's lifecycle rule does the same.
/// </summary>
public sealed class UnclaimedUploadSweepService(
    UnclaimedUploadSweep sweep, IOptions<WebOptions> web, TimeProvider time, ILogger<UnclaimedUploadSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(web.Value.UnclaimedUploadSweepInterval, time);
        do
        {
            try
            {
                await sweep.RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The sweep of unclaimed uploads failed; it runs again in {Interval}", web.Value.UnclaimedUploadSweepInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
