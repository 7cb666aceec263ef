using Amazon.CDK;
using Amazon.CDK.AWS.AutoScaling;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace Gas.Deploy;

/// <summary>
/// The util instance: the Hangfire job server (notify, archive, restore, thaw follow-ups, DLQ drain).
/// It is a group of exactly one so that a terminated util instance comes back by itself.
/// </summary>
public sealed class UtilTier : Construct
{
    public const int Capacity = 1;

    public AutoScalingGroup Group { get; }
    public SecurityGroup InstanceSecurityGroup { get; }
    public Role Role { get; }

    public UtilTier(Construct scope, string id, Platform platform, string siteUrl) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var settings = platform.Settings;
        Platform.NameEverything(this, settings.Name("gas-util"));
        var messaging = platform.Messaging;

        InstanceSecurityGroup = platform.ClosedSecurityGroup(this, "gas-util", "GAS util: no inbound at all");
        Platform.AllowHttpsOut(InstanceSecurityGroup);
        platform.AllowDatabaseAndMail(InstanceSecurityGroup, "util");

        Role = platform.InstanceRole(this, "GAS util: email, archive to GLACIER, restore, dead-letter drain");
        Platform.AllowObjects(Role, "Results", platform.Data.Results, "s3:GetObject", "s3:PutObject", "s3:DeleteObject");
        Platform.AllowObjects(Role, "Archive", platform.Data.Archive, "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:RestoreObject");
        // The recurring archive sweep looks across every user's jobs, so it may Scan.
        platform.AllowJobs(Role, "GetItem", "UpdateItem", "Query", "Scan");
        messaging.ResultsNotifyQueue.GrantConsumeMessages(Role);
        messaging.ResultsArchiveQueue.GrantConsumeMessages(Role);
        messaging.RestoreQueue.GrantConsumeMessages(Role);
        foreach (var deadLetters in messaging.DeadLetterQueues)
        {
            deadLetters.GrantConsumeMessages(Role);
        }
        platform.Database.Credentials.GrantRead(Role);
        platform.AppSecrets.Secret.GrantRead(Role);

        var environment = new Dictionary<string, string>(platform.CommonEnvironment())
        {
            ["Gas__Roles"] = "util",
            // Nothing reaches the util instance from outside; Kestrel listens on loopback only.
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:5080",
            // Links in results and restore emails point at the site (the web tier's address), not at this instance.
            ["Gas__Util__PublicBaseUrl"] = siteUrl,
        };
        var userData = ServiceBoot.UserDataFor(new ServiceDefinition
        {
            ServiceName = "gas-util",
            Artifact = "web.tar.gz",
            Executable = "Gas.RazorPages",
            Environment = environment,
            DatabaseSecretArn = platform.Database.Credentials.SecretArn,
            AppSecretArn = platform.AppSecrets.Secret.SecretArn,
        }, settings);

        var launchTemplate = platform.LaunchTemplate(this, "gas-util", settings.UtilInstanceType, Role, InstanceSecurityGroup, userData);

        Group = new AutoScalingGroup(this, "Group", new AutoScalingGroupProps
        {
            AutoScalingGroupName = settings.Name("gas-util"),
            Vpc = platform.Vpc,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
            LaunchTemplate = launchTemplate,
            MinCapacity = Capacity,
            MaxCapacity = Capacity,
            HealthCheck = Amazon.CDK.AWS.AutoScaling.HealthCheck.Ec2(new Ec2HealthCheckOptions { Grace = Duration.Minutes(5) }),
            // A group of one cannot start the new instance first (max 1), and a replacing update would
            // clash with the group's fixed name: replace the instance in place; the queues hold the work meanwhile.
            UpdatePolicy = UpdatePolicy.RollingUpdate(new RollingUpdateOptions { MaxBatchSize = 1, MinInstancesInService = 0 }),
        });
    }
}
