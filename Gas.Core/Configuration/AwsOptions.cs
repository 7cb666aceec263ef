using System.ComponentModel.DataAnnotations;

namespace Gas.Core.Configuration;

/// <summary>Section <c>Gas:Aws</c>: region, table names and optional emulator endpoints; credentials come from the SDK's default chain.</summary>
public sealed class AwsOptions
{
    public const string Section = "Gas:Aws";

    /// <summary>Region of every resource; no default, so a deployment never lands in a region by accident.</summary>
    [Required(ErrorMessage = "Gas:Aws:Region is required with Gas:Provider=aws.")] public string Region { get; set; } = "";

    [Required(ErrorMessage = "Gas:Aws:JobsTable is required with Gas:Provider=aws.")] public string JobsTable { get; set; } = "";

    /// <summary>The table's user index: part of the table's schema (as its attribute names are), not a resource of its own.</summary>
    [Required] public string UserIndex { get; set; } = "user_id_submit_time_index";

    /// <summary>
    /// The table's sparse sweep index on <c>sweep_mark</c> + <c>sweep_time</c>: only jobs the archive sweep may have to look at
    /// carry those attributes (<see cref="Jobs.SweepMark"/>), so a sweep reads the jobs due, never the whole table.
    /// </summary>
    [Required] public string SweepIndex { get; set; } = "sweep_mark_sweep_time_index";

    /// <summary>One endpoint for every service (an emulator), or per service below.</summary>
    public Uri? ServiceUrl { get; set; }
    public Uri? DynamoDbServiceUrl { get; set; }
    public Uri? SqsServiceUrl { get; set; }
    public Uri? SnsServiceUrl { get; set; }
    public Uri? S3ServiceUrl { get; set; }

    /// <summary>Path-style S3 addressing, which emulators need.</summary>
    public bool S3ForcePathStyle { get; set; }

    /// <summary>
    /// Browser uploads carry the tag <c>gas-upload=pending</c> until a job claims them, so the inputs bucket's lifecycle
    /// rule expires orphans. Turn off only for an emulator without object tagging (fauxqs stores a tagging request's XML
    /// as the object itself).
    /// </summary>
    public bool TagUploads { get; set; } = true;

    /// <summary>
    /// Resource names that the embedded family may default (they are only folder and table names there) but AWS mode
    /// must take from configuration, so no bucket, queue or topic of a real account is named in code.
    /// </summary>
    public static readonly IReadOnlyList<string> ExplicitInAws =
    [
        "Gas:Storage:InputsBucket", "Gas:Storage:ResultsBucket", "Gas:Storage:ArchiveBucket",
        "Gas:Messaging:JobRequestsTopic", "Gas:Messaging:JobResultsTopic", "Gas:Messaging:RestoreTopic",
        "Gas:Messaging:JobRequestsQueue", "Gas:Messaging:ResultsNotifyQueue", "Gas:Messaging:ResultsArchiveQueue",
        "Gas:Messaging:RestoreQueue",
    ];
}
