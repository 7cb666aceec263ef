using System.Globalization;
using Amazon.Runtime;
using Gas.Core.Aws;
using Gas.Core.Configuration;

namespace Gas.ClusterKill;

/// <summary>
/// The cluster's shared configuration: fresh resource names on the emulators for this run, one PostgreSQL database for
/// accounts and Hangfire, and the short windows that let a run finish in minutes (a 20 s Free window, so archiving runs too).
/// </summary>
public sealed class ClusterLayout(RunSettings run)
{
    public const string Region = "us-east-1";
    private const string AdminPassword = "Cluster-Granite-Harbor-47";

    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];

    public string JobsTable => "cluster-annotations-" + _suffix;
    public string InputsBucket => "cluster-inputs-" + _suffix;
    public string ResultsBucket => "cluster-results-" + _suffix;
    public string ArchiveBucket => "cluster-archive-" + _suffix;
    public string RequestsTopic => "cluster-requests-" + _suffix;
    public string ResultsTopic => "cluster-results-" + _suffix;
    public string RequestsQueue => "cluster-requests-" + _suffix;
    public string NotifyQueue => "cluster-notify-" + _suffix;
    public string ArchiveQueue => "cluster-archive-" + _suffix;
    public string RestoreQueue => "cluster-restore-" + _suffix;

    /// <summary>Subscribed to the results topic by this program alone: every result the cluster publishes, for the audit.</summary>
    public string AuditQueue => "cluster-audit-" + _suffix;

    /// <summary>Every queue GAS uses, with the dead-letter queues provisioning gives them.</summary>
    public IReadOnlyList<string> GasQueues =>
        [RequestsQueue, NotifyQueue, ArchiveQueue, RestoreQueue, RequestsQueue + "-dlq", NotifyQueue + "-dlq", ArchiveQueue + "-dlq", RestoreQueue + "-dlq"];

    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("cluster", "cluster");

    public AwsClients Clients { get; } = new(new AwsOptions
    {
        Region = Region,
        ServiceUrl = run.Fauxqs,
        DynamoDbServiceUrl = run.DynamoDb,
        S3ForcePathStyle = true,
        JobsTable = "unused",
    }, Credentials);

    /// <summary>What every process reads (as environment variables, <c>:</c> spelt <c>__</c>).</summary>
    public Dictionary<string, string> Common() => new(StringComparer.Ordinal)
    {
        ["Gas:Provider"] = "aws",
        ["Gas:Aws:Region"] = Region,
        ["Gas:Aws:JobsTable"] = JobsTable,
        ["Gas:Aws:DynamoDbServiceUrl"] = run.DynamoDb.ToString(),
        ["Gas:Aws:ServiceUrl"] = run.Fauxqs.ToString(),
        ["Gas:Aws:S3ForcePathStyle"] = "true",
        // fauxqs has no object tagging (it would store a tagging request's XML as the object).
        ["Gas:Aws:TagUploads"] = "false",
        ["Gas:Storage:InputsBucket"] = InputsBucket,
        ["Gas:Storage:ResultsBucket"] = ResultsBucket,
        ["Gas:Storage:ArchiveBucket"] = ArchiveBucket,
        ["Gas:Messaging:JobRequestsTopic"] = RequestsTopic,
        ["Gas:Messaging:JobResultsTopic"] = ResultsTopic,
        ["Gas:Messaging:RestoreTopic"] = "cluster-restores-" + _suffix,
        ["Gas:Messaging:JobRequestsQueue"] = RequestsQueue,
        ["Gas:Messaging:ResultsNotifyQueue"] = NotifyQueue,
        ["Gas:Messaging:ResultsArchiveQueue"] = ArchiveQueue,
        ["Gas:Messaging:RestoreQueue"] = RestoreQueue,
        ["Gas:Retention:FreeDownloadWindow"] = "00:00:20",
        ["Gas:Email:From"] = "gas@cluster.test",
        ["Gas:Email:Smtp:Host"] = "127.0.0.1",
        ["Gas:Email:Smtp:Port"] = run.MaildevSmtpPort.ToString(CultureInfo.InvariantCulture),
        ["Gas:Email:Smtp:UseTls"] = "false",
        ["AWS_ACCESS_KEY_ID"] = "cluster",
        ["AWS_SECRET_ACCESS_KEY"] = "cluster",
        ["AWS_REGION"] = Region,
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
    };

    /// <summary>A web or util process: accounts and Hangfire on the one PostgreSQL database, links to the first web process.</summary>
    public Dictionary<string, string> Site(string roles, int port, Uri publicBaseUrl)
    {
        var settings = Common();
        settings["Gas:Roles"] = roles;
        settings["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        settings["Gas:Accounts:Provider"] = "postgres";
        settings["ConnectionStrings:Accounts"] = run.Postgres;
        settings["ConnectionStrings:Hangfire"] = run.Postgres;
        settings["Gas:Admin:Password"] = AdminPassword;
        settings["Gas:Util:PublicBaseUrl"] = publicBaseUrl.ToString();
        settings["Gas:Util:DrainDuration"] = "00:00:20";
        settings["Gas:Util:SchedulePollingInterval"] = "00:00:01";
        settings["Gas:Util:SweepCron"] = "* * * * *";
        // A util killed between claiming an email and sending it holds it this long (maildev answers in well under a second).
        settings["Gas:Util:NotifyLease"] = "00:01:00";
        return settings;
    }

    /// <summary>An annotator daemon: a short poll and a one-minute lease, so a killed annotator's job comes back within a minute.</summary>
    public Dictionary<string, string> Annotator()
    {
        var settings = Common();
        settings["Gas:Annotator:PollWait"] = "00:00:05";
        settings["Gas:Annotator:Lease"] = "00:01:00";
        return settings;
    }
}
