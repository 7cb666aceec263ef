using System.ComponentModel.DataAnnotations;

namespace Gas.Annotator.Worker;

/// <summary>Section <c>Gas:Annotator</c>: how the daemon polls and holds its jobs.</summary>
public sealed class AnnotatorOptions
{
    public const string Section = "Gas:Annotator";

    /// <summary>Long-poll wait per receive (SQS allows up to 20 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:20")]
    public TimeSpan PollWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a claim and its message stay ours without renewal; renewed every third of it while running.</summary>
    [Range(typeof(TimeSpan), "00:00:03", "12:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Jobs run at once by this process.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 1;

    /// <summary>Scratch space for inputs and outputs; the system temp folder when empty.</summary>
    public string? WorkDirectory { get; set; }
}
