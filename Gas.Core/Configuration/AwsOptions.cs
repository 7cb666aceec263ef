using System.ComponentModel.DataAnnotations;

namespace Gas.Core.Configuration;

/// <summary>Section <c>Gas:Aws</c>: region, table names and optional emulator endpoints; credentials come from the SDK's default chain.</summary>
public sealed class AwsOptions
{
    public const string Section = "Gas:Aws";

    [Required] public string Region { get; set; } = "us-east-1";
    [Required] public string JobsTable { get; set; } = "gas-annotations";
    [Required] public string UserIndex { get; set; } = "user_id_submit_time_index";

    /// <summary>One endpoint for every service (an emulator), or per service below.</summary>
    public Uri? ServiceUrl { get; set; }
    public Uri? DynamoDbServiceUrl { get; set; }
    public Uri? SqsServiceUrl { get; set; }
    public Uri? SnsServiceUrl { get; set; }
    public Uri? S3ServiceUrl { get; set; }

    /// <summary>Path-style S3 addressing, which emulators need.</summary>
    public bool S3ForcePathStyle { get; set; }
}
