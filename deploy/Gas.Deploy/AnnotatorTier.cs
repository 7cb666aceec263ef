using Amazon.CDK;
using Amazon.CDK.AWS.AutoScaling;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace Gas.Deploy;

/// <summary>
/// The annotator farm (specification exercise 12): an Auto Scaling group of annotator daemons with no
/// inbound ports, scaled on how many job requests arrive in the request queue per ten minutes.
/// </summary>
public sealed class AnnotatorTier : Construct
{
    public const int MinCapacity = 2;
    public const int DesiredCapacity = 2;

    /// <summary>Scale out when more than 50 job requests are sent to the queue in ten minutes.</summary>
    public const double ScaleOutMessagesPerPeriod = 50;

    /// <summary>Scale in when fewer than 5 job requests are sent to the queue in ten minutes.</summary>
    public const double ScaleInMessagesPerPeriod = 5;

    public const int PeriodSeconds = 600;

    public AutoScalingGroup Group { get; }
    public SecurityGroup InstanceSecurityGroup { get; }
    public Role Role { get; }

    public AnnotatorTier(Construct scope, string id, Platform platform) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var settings = platform.Settings;
        Platform.NameEverything(this, settings.Name("gas-ann"));

        InstanceSecurityGroup = platform.ClosedSecurityGroup(this, "gas-ann", "GAS annotators: no inbound at all");
        Platform.AllowHttpsOut(InstanceSecurityGroup);

        Role = platform.InstanceRole(this, "GAS annotator: job requests in, results and logs out");
        Platform.AllowObjects(Role, "Inputs", platform.Data.Inputs, "s3:GetObject");
        Platform.AllowObjects(Role, "Results", platform.Data.Results, "s3:PutObject");
        platform.AllowJobs(Role, "GetItem", "UpdateItem");
        platform.Messaging.JobRequestsQueue.GrantConsumeMessages(Role);
        platform.Messaging.JobResultsTopic.GrantPublish(Role);

        var userData = ServiceBoot.UserDataFor(new ServiceDefinition
        {
            ServiceName = "gas-ann",
            Artifact = "annotator.tar.gz",
            Executable = "Gas.Annotator",
            Environment = platform.CommonEnvironment(),
        }, settings);

        var launchTemplate = platform.LaunchTemplate(this, "gas-ann", settings.AnnotatorInstanceType, Role, InstanceSecurityGroup, userData);

        Group = new AutoScalingGroup(this, "Group", new AutoScalingGroupProps
        {
            AutoScalingGroupName = settings.Name("gas-ann-auto-scaler"),
            Vpc = platform.Vpc,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
            LaunchTemplate = launchTemplate,
            MinCapacity = MinCapacity,
            MaxCapacity = settings.AnnotatorMaxCapacity,
            DesiredCapacity = DesiredCapacity,
            HealthCheck = Amazon.CDK.AWS.AutoScaling.HealthCheck.Ec2(new Ec2HealthCheckOptions { Grace = Duration.Minutes(5) }),
            Cooldown = Duration.Seconds(300),
            UpdatePolicy = UpdatePolicy.RollingUpdate(new RollingUpdateOptions
            {
                MaxBatchSize = 1,
                MinInstancesInService = MinCapacity,
                PauseTime = Duration.Minutes(3),
            }),
        });
        // The specification starts each farm at 2; a deployment resets the group to 2 and the alarms take it from there.
        Annotations.Of(Group).AcknowledgeWarning("@aws-cdk/aws-autoscaling:desiredCapacitySet", "desired 2 is the specification's starting size");

        IMetric RequestsSent() => platform.Messaging.JobRequestsQueue.MetricNumberOfMessagesSent(new MetricOptions
        {
            Statistic = Stats.SUM,
            Period = Duration.Seconds(PeriodSeconds),
        });

        SimpleScaling.Add(this, "ScaleOut", Group, new ScalingRule
        {
            AlarmName = settings.Name("gas-ann-scale-out"),
            Description = "More than 50 job requests sent in ten minutes: add an annotator",
            Metric = RequestsSent(),
            Comparison = ComparisonOperator.GREATER_THAN_THRESHOLD,
            Threshold = ScaleOutMessagesPerPeriod,
            Adjustment = 1,
            MissingData = TreatMissingData.NOT_BREACHING,
        });

        SimpleScaling.Add(this, "ScaleIn", Group, new ScalingRule
        {
            AlarmName = settings.Name("gas-ann-scale-in"),
            Description = "Fewer than 5 job requests sent in ten minutes: remove an annotator",
            Metric = RequestsSent(),
            Comparison = ComparisonOperator.LESS_THAN_THRESHOLD,
            Threshold = ScaleInMessagesPerPeriod,
            Adjustment = -1,
            // SQS stops reporting an idle queue after a while; idle means "scale in" (never below the minimum).
            MissingData = TreatMissingData.BREACHING,
        });
    }
}
