using System.Globalization;

namespace Gas.Annotator.Engine;

/// <summary>
/// How much one job may read, set by the worker from the owner's plan: the engine stops with <see cref="InputTooLargeException"/>
/// as soon as the decompressed input or the variant count passes its limit, so a small compressed upload cannot fill disk or memory.
/// </summary>
/// <param name="Plan">The plan's name as the user knows it ("Free"); empty for <see cref="Unlimited"/>.</param>
/// <param name="Advice">What the user can do about it, appended to the message.</param>
public sealed record AnnotationLimits(string Plan, long MaxDecompressedBytes, long MaxVariants, string Advice = "split the file into smaller parts")
{
    /// <summary>No plan: the command line on the operator's own machine.</summary>
    public static AnnotationLimits Unlimited { get; } = new("", long.MaxValue, long.MaxValue);

    internal InputTooLargeException DecompressedSizeExceeded() =>
        new($"The decompressed input exceeds {Whose} limit of {Size(MaxDecompressedBytes)}; {Advice}.");

    internal InputTooLargeException VariantCountExceeded() =>
        new($"The input has more than {MaxVariants.ToString("N0", CultureInfo.InvariantCulture)} variants, {Whose} limit; {Advice}.");

    private string Whose => Plan.Length > 0 ? $"the {Plan} plan's" : "the";

    /// <summary>A byte count as people read it: 50 MB, 1.5 GB (powers of 1,024).</summary>
    internal static string Size(long bytes)
    {
        string[] units = ["bytes", "KB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes"
            : value.ToString("0.#", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
