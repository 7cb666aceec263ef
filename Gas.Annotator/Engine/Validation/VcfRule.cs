using Gas.Core.Validation;

namespace Gas.Annotator.Engine.Validation;

/// <summary>One rule of the VCF specification that GAS checks; <see cref="Index"/> numbers it for counting without hashing.</summary>
/// <param name="Id">Stable and short, for logs, the API and the fixtures' folder names.</param>
/// <param name="Title">What the rule asks, in a sentence.</param>
/// <param name="Specification">Where the specification says it (section numbers of VCF 4.3; the same in 4.1, 4.2 and 4.4 unless noted).</param>
public sealed record VcfRule(int Index, string Id, FindingLevel Level, string Title, string Specification);
