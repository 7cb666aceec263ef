using System.ComponentModel.DataAnnotations;

namespace Gas.Core.Configuration;

/// <summary>Section <c>Gas:Storage</c>: bucket names.</summary>
public sealed class StorageOptions
{
    public const string Section = "Gas:Storage";

    [Required] public string InputsBucket { get; set; } = "gas-inputs";
    [Required] public string ResultsBucket { get; set; } = "gas-results";
    [Required] public string ArchiveBucket { get; set; } = "gas-archive";
}
