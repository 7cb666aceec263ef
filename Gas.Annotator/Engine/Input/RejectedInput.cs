namespace Gas.Annotator.Engine;

/// <summary>
/// The input cannot be annotated as it is, and trying again will not help: the job fails at once with <see cref="Exception.Message"/>,
/// which says what is wrong and what to do about it.
/// </summary>
public abstract class RejectedInputException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A user's input is not valid VCF; <see cref="LineNumber"/> is 1-based.</summary>
public sealed class VcfFormatException(long lineNumber, string problem) : RejectedInputException($"Line {lineNumber}: {problem}")
{
    public long LineNumber { get; } = lineNumber;
    public string Problem { get; } = problem;
}

/// <summary>The input is larger than the owner's plan allows (decompressed size or variant count).</summary>
public sealed class InputTooLargeException(string message) : RejectedInputException(message);

/// <summary>The compressed input is truncated or corrupt.</summary>
public sealed class DamagedInputException(string message, Exception? inner = null) : RejectedInputException(message, inner);

/// <summary>The input is on a genome build GAS has no reference for (or the chosen build is not installed); the message says which and what to do.</summary>
public sealed class GenomeBuildRefusedException(string message) : RejectedInputException(message);
