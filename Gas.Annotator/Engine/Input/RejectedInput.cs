using Gas.Core.Validation;

namespace Gas.Annotator.Engine;

/// <summary>
/// The input cannot be annotated as it is, and trying again will not help: the job fails at once with <see cref="Exception.Message"/>,
/// which says what is wrong and what to do about it.
/// </summary>
public abstract class RejectedInputException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>What validation found up to the failure (its warnings, and this error); set by the engine that ran it.</summary>
    public ValidationReport? Validation { get; set; }
}

/// <summary>A user's input is not valid VCF; <see cref="LineNumber"/> is 1-based, <see cref="Rule"/> the id of the rule broken.</summary>
public sealed class VcfFormatException(long lineNumber, string problem, string rule = VcfFormatException.UnreadableRule)
    : RejectedInputException($"Line {lineNumber}: {problem}")
{
    /// <summary>The rule of input that is not VCF at all (an encoding GAS cannot read, a line past its limit).</summary>
    public const string UnreadableRule = "input-unreadable";

    public long LineNumber { get; } = lineNumber;
    public string Problem { get; } = problem;
    public string Rule { get; } = rule;
}

/// <summary>The input is larger than the owner's plan allows (decompressed size or variant count).</summary>
public sealed class InputTooLargeException(string message) : RejectedInputException(message);

/// <summary>The compressed input is truncated or corrupt.</summary>
public sealed class DamagedInputException(string message, Exception? inner = null) : RejectedInputException(message, inner);

/// <summary>The input is on a genome build GAS has no reference for (or the chosen build is not installed); the message says which and what to do.</summary>
public sealed class GenomeBuildRefusedException(string message) : RejectedInputException(message);
