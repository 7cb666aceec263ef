using Gas.Annotator.Engine.FirstRun;
using Gas.Core.Configuration;
using Gas.Core.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gas.Annotator.Worker;

/// <summary>
/// The annotator daemon's loop: long-poll the request queue and run what arrives. During a first-run reference fetch it takes
/// no job until the tables are in (or the fetch failed): jobs stay PENDING in the queue, and their page says why.
/// </summary>
public sealed class AnnotatorWorker(
    IQueue queue,
    JobRunner runner,
    IOptions<MessagingOptions> messaging,
    IOptions<AnnotatorOptions> options,
    ILogger<AnnotatorWorker> logger,
    ReferenceProvisioning? provisioning = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (provisioning is not null)
        {
            try
            {
                await provisioning.WaitForTablesAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }

        var slots = Enumerable.Range(0, options.Value.Concurrency).Select(_ => PollAsync(stoppingToken));
        await Task.WhenAll(slots);
    }

    private async Task PollAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var messages = await queue.ReceiveAsync(messaging.Value.JobRequestsQueue, 1, options.Value.PollWait, ct);
                foreach (var message in messages)
                {
                    await runner.RunAsync(message, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Polling the job request queue failed; retrying shortly");
                await Task.Delay(TimeSpan.FromSeconds(2), ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
