using System.ComponentModel.DataAnnotations;
using Gas.Annotator.Engine;
using Gas.Core.Jobs;

namespace Gas.Annotator.Worker;

/// <summary>Section <c>Gas:Annotator</c>: how the daemon polls and holds its jobs, and how much one job may take.</summary>
public sealed class AnnotatorOptions : IValidatableObject
{
    public const string Section = "Gas:Annotator";

    /// <summary>Long-poll wait per receive (SQS allows up to 20 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:20")]
    public TimeSpan PollWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long a claim and its message stay ours without renewal; renewed every third of it while running.</summary>
    [Range(typeof(TimeSpan), "00:00:03", "12:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long one job may run (download, annotation, upload) before it fails with a reason instead of renewing its lease for
    /// ever. An hour is ample: the engine annotates a million variants in a few seconds, so a Premium input at its limits
    /// takes minutes; only a stuck or hostile input comes near it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan JobTimeBudget { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Jobs run at once by this process.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 1;

    /// <summary>Scratch space for inputs and outputs; the system temp folder when empty.</summary>
    public string? WorkDirectory { get; set; }

    /// <summary>What one job may read, per plan of its owner at submission.</summary>
    public PlanLimits Limits { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, tier) in new[] { (nameof(PlanLimits.Free), Limits.Free), (nameof(PlanLimits.Premium), Limits.Premium) })
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(tier, new ValidationContext(tier), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new ValidationResult($"{Section}:Limits:{name}: {result.ErrorMessage}",
                    result.MemberNames.Select(m => $"{nameof(Limits)}.{name}.{m}").ToArray());
            }
        }
    }
}

/// <summary>Section <c>Gas:Annotator:Limits</c>: the engine's input limits for each plan.</summary>
public sealed class PlanLimits
{
    /// <summary>
    /// Free uploads are capped at 150 KB, which is 150 KB to a few MB of VCF text; 50 MB decompressed is far beyond any honest
    /// gzip of that (VCF compresses 5–20×) and stops a compression bomb early. 250,000 variants is about a hundred times a plain
    /// 150 KB file and keeps a Free result under about 50 MB.
    /// </summary>
    public TierLimits Free { get; set; } = new() { MaxDecompressedBytes = 50L << 20, MaxVariants = 250_000 };

    /// <summary>
    /// Premium uploads go up to 5 GB; 100 GB decompressed and 100 million variants hold any honest input of that size (a whole
    /// genome has about 5 million variants) while keeping a job's disk use and running time bounded.
    /// </summary>
    public TierLimits Premium { get; set; } = new() { MaxDecompressedBytes = 100L << 30, MaxVariants = 100_000_000 };

    /// <summary>The engine's limits for a job whose owner had <paramref name="tier"/> when submitting it.</summary>
    public AnnotationLimits For(UserTier tier) => tier == UserTier.Premium
        ? new AnnotationLimits("Premium", Premium.MaxDecompressedBytes, Premium.MaxVariants, "split the file into smaller parts")
        : new AnnotationLimits("Free", Free.MaxDecompressedBytes, Free.MaxVariants, "upgrade to Premium for larger inputs, or split the file");
}

/// <summary>One plan's limits.</summary>
public sealed class TierLimits
{
    /// <summary>Bytes of VCF text after decompression (and conversion from UTF-16).</summary>
    [Range(1L << 10, long.MaxValue)]
    public long MaxDecompressedBytes { get; set; }

    /// <summary>Records (data lines) in the input.</summary>
    [Range(1L, long.MaxValue)]
    public long MaxVariants { get; set; }
}
