using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Constructs;
using Gas.Core.Storage;
using Attribute = Amazon.CDK.AWS.DynamoDB.Attribute;

namespace Gas.Deploy;

/// <summary>The inputs, results and archive buckets and the jobs table.</summary>
public sealed class DataStores : Construct
{
    /// <summary>The jobs table's index for a user's job list (Query, never Scan).</summary>
    public const string UserIndexName = "user_id_submit_time_index";

    /// <summary>The sparse index of the jobs the archive sweep may have to look at (Gas:Aws:SweepIndex's default).</summary>
    public const string SweepIndexName = "sweep_mark_sweep_time_index";

    public Bucket Inputs { get; }
    public Bucket Results { get; }

    /// <summary>Cold storage: every object lands in the GLACIER (Flexible Retrieval) storage class.</summary>
    public Bucket Archive { get; }

    public Table Jobs { get; }

    public DataStores(Construct scope, string id, GasSettings settings) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(settings);

        Inputs = PrivateBucket("Inputs", settings.Name("gas-inputs"));
        // The browser posts the VCF straight to S3 with a presigned POST, from the site's own pages.
        Inputs.AddCorsRule(new CorsRule
        {
            AllowedMethods = [HttpMethods.POST, HttpMethods.PUT],
            AllowedOrigins = ["*"],
            AllowedHeaders = ["*"],
            MaxAge = 3000,
        });
        Inputs.AddLifecycleRule(new LifecycleRule
        {
            Id = "abort-abandoned-uploads",
            AbortIncompleteMultipartUploadAfter = Duration.Days(1),
        });
        // A browser upload arrives tagged pending (its form requires the tag); creating the job retags it claimed.
        // What still carries the pending tag a day later never became a job.
        Inputs.AddLifecycleRule(new LifecycleRule
        {
            Id = "expire-unclaimed-uploads",
            TagFilters = new Dictionary<string, object> { [UnclaimedUploads.TagKey] = UnclaimedUploads.PendingTag },
            Expiration = Duration.Days(UnclaimedUploads.ExpiryDays),
        });

        Results = PrivateBucket("Results", settings.Name("gas-results"));

        Archive = PrivateBucket("Archive", settings.Name("gas-archive"));
        // The archiver copies with StorageClass=GLACIER; a copy in any other class is refused,
        // so a results file can never sit in "cold storage" at hot-storage prices.
        Archive.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ObjectsLandInGlacier",
            Effect = Effect.DENY,
            Principals = [new AnyPrincipal()],
            Actions = ["s3:PutObject"],
            Resources = [Archive.ArnForObjects("*")],
            Conditions = new Dictionary<string, object>
            {
                ["StringNotEquals"] = new Dictionary<string, object> { ["s3:x-amz-storage-class"] = "GLACIER" },
            },
        }));

        Jobs = new Table(this, "Jobs", new TableProps
        {
            TableName = settings.Name("gas-annotations"),
            PartitionKey = new Attribute { Name = "job_id", Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        Jobs.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
        {
            IndexName = UserIndexName,
            PartitionKey = new Attribute { Name = "user_id", Type = AttributeType.STRING },
            SortKey = new Attribute { Name = "submit_time", Type = AttributeType.NUMBER },
            ProjectionType = ProjectionType.ALL,
        });
        Jobs.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
        {
            // Sparse: an item carries sweep_mark and sweep_time only while the archive sweep may have to look at it.
            IndexName = SweepIndexName,
            PartitionKey = new Attribute { Name = "sweep_mark", Type = AttributeType.STRING },
            SortKey = new Attribute { Name = "sweep_time", Type = AttributeType.NUMBER },
            ProjectionType = ProjectionType.ALL,
        });
    }

    private Bucket PrivateBucket(string id, string name) => new(this, id, new BucketProps
    {
        // Bucket names are global: the account and region make the prefixed name unique.
        BucketName = $"{name}-{Aws.ACCOUNT_ID}-{Aws.REGION}",
        BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
        Encryption = BucketEncryption.S3_MANAGED,
        EnforceSSL = true,
        ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
        RemovalPolicy = RemovalPolicy.RETAIN,
    });
}
