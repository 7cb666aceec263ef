using Amazon.CDK;
using Amazon.CDK.AWS.AutoScaling;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.ElasticLoadBalancingV2;
using Amazon.CDK.AWS.IAM;
using Constructs;
using HealthCheck = Amazon.CDK.AWS.AutoScaling.HealthCheck;

namespace Gas.Deploy;

/// <summary>
/// The web farm (specification exercises 10 and 11): an HTTPS load balancer on 443 in front of an
/// Auto Scaling group of Kestrel servers on 4433, scaled out on 2XX responses and in on response time.
/// </summary>
public sealed class WebTier : Construct
{
    public const int ListenerPort = 443;
    public const int KestrelPort = 4433;
    public const int MinCapacity = 2;
    public const int MaxCapacity = 10;
    public const int DesiredCapacity = 2;
    public const string HealthCheckPath = "/";
    public const int HealthyThreshold = 2;
    public const int UnhealthyThreshold = 10;
    public const int HealthCheckIntervalSeconds = 15;
    public const int HealthCheckTimeoutSeconds = 5;

    /// <summary>Scale out when the targets answer more than this many 2XX responses in one minute.</summary>
    public const double ScaleOutResponsesPerMinute = 200;

    /// <summary>Scale in when the average target response time stays under 10 ms for one minute.</summary>
    public const double ScaleInResponseTimeSeconds = 0.010;

    public const int ScaleOutCooldownSeconds = 300;

    public ApplicationLoadBalancer LoadBalancer { get; }

    /// <summary>Where users reach the site: <c>gas:siteUrl</c>, or the load balancer's DNS name.</summary>
    public string SiteUrl { get; }

    public ApplicationTargetGroup TargetGroup { get; }
    public AutoScalingGroup Group { get; }
    public SecurityGroup InstanceSecurityGroup { get; }
    public Role Role { get; }

    public WebTier(Construct scope, string id, Platform platform) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(platform);
        var settings = platform.Settings;
        Platform.NameEverything(this, settings.Name("gas-web"));

        var balancerSecurityGroup = new SecurityGroup(this, "LoadBalancerSecurityGroup", new SecurityGroupProps
        {
            Vpc = platform.Vpc,
            SecurityGroupName = settings.Name("gas-elb"),
            Description = "GAS load balancer: HTTPS 443 from anywhere",
            AllowAllOutbound = false,
        });
        balancerSecurityGroup.AddIngressRule(Peer.AnyIpv4(), Port.Tcp(ListenerPort), "HTTPS from anywhere");

        InstanceSecurityGroup = platform.ClosedSecurityGroup(this, "gas-web", "GAS web servers: 4433 from the load balancer only, no SSH");
        // 4433 from the load balancer (and the load balancer's egress to it) are added when the
        // group is registered as the target group's target below.
        Platform.AllowHttpsOut(InstanceSecurityGroup);
        platform.AllowDatabaseAndMail(InstanceSecurityGroup, "web");

        Role = platform.InstanceRole(this, "GAS web server: uploads, downloads, job creation, job requests and restores");
        // PutObjectTagging: the upload form's pending tag, and claiming the upload when its job is created.
        Platform.AllowObjects(Role, "Inputs", platform.Data.Inputs, "s3:PutObject", "s3:GetObject", "s3:PutObjectTagging");
        Platform.AllowObjects(Role, "Results", platform.Data.Results, "s3:GetObject");
        platform.AllowJobs(Role, "GetItem", "PutItem", "UpdateItem", "Query");
        platform.Messaging.JobRequestsTopic.GrantPublish(Role);
        platform.Messaging.RestoreTopic.GrantPublish(Role);
        platform.Database.Credentials.GrantRead(Role);
        platform.AppSecrets.Secret.GrantRead(Role);

        LoadBalancer = new ApplicationLoadBalancer(this, "LoadBalancer", new ApplicationLoadBalancerProps
        {
            LoadBalancerName = settings.Name("gas-elb"),
            Vpc = platform.Vpc,
            InternetFacing = true,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PUBLIC },
            SecurityGroup = balancerSecurityGroup,
            DropInvalidHeaderFields = true,
        });
        SiteUrl = settings.SiteUrl ?? $"https://{LoadBalancer.LoadBalancerDnsName}";

        var environment = new Dictionary<string, string>(platform.CommonEnvironment())
        {
            ["Gas__Roles"] = "web",
            // Links in account emails (registration, password reset) point at the site, not at this server.
            ["Gas__Util__PublicBaseUrl"] = SiteUrl,
            // The load balancer lives in the VPC: only its X-Forwarded-* headers are believed.
            ["Gas__Web__KnownNetworks__0"] = platform.Vpc.VpcCidrBlock,
            ["ASPNETCORE_URLS"] = $"https://0.0.0.0:{KestrelPort}",
        };
        var userData = ServiceBoot.UserDataFor(new ServiceDefinition
        {
            ServiceName = "gas-web",
            Artifact = "web.tar.gz",
            Executable = "Gas.RazorPages",
            Environment = environment,
            DatabaseSecretArn = platform.Database.Credentials.SecretArn,
            AppSecretArn = platform.AppSecrets.Secret.SecretArn,
            SelfSignedKestrelCertificate = true,
        }, settings);

        var launchTemplate = platform.LaunchTemplate(this, "gas-web", settings.WebInstanceType, Role, InstanceSecurityGroup, userData);

        Group = new AutoScalingGroup(this, "Group", new AutoScalingGroupProps
        {
            AutoScalingGroupName = settings.Name("gas-web-auto-scaler"),
            Vpc = platform.Vpc,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_WITH_EGRESS },
            LaunchTemplate = launchTemplate,
            MinCapacity = MinCapacity,
            MaxCapacity = MaxCapacity,
            DesiredCapacity = DesiredCapacity,
            // An instance the load balancer finds unhealthy is replaced, not just taken out of rotation.
            HealthCheck = HealthCheck.Elb(new ElbHealthCheckOptions { Grace = Duration.Minutes(5) }),
            Cooldown = Duration.Seconds(300),
            UpdatePolicy = UpdatePolicy.RollingUpdate(new RollingUpdateOptions
            {
                MaxBatchSize = 1,
                MinInstancesInService = MinCapacity,
                PauseTime = Duration.Minutes(4),
            }),
        });
        // The specification starts each farm at 2; a deployment resets the group to 2 and the alarms take it from there.
        Annotations.Of(Group).AcknowledgeWarning("@aws-cdk/aws-autoscaling:desiredCapacitySet", "desired 2 is the specification's starting size");

        TargetGroup = new ApplicationTargetGroup(this, "TargetGroup", new ApplicationTargetGroupProps
        {
            TargetGroupName = settings.Name("gas-web-servers"),
            Vpc = platform.Vpc,
            TargetType = TargetType.INSTANCE,
            Protocol = ApplicationProtocol.HTTPS,
            Port = KestrelPort,
            Targets = [Group],
            DeregistrationDelay = Duration.Seconds(30),
            HealthCheck = new Amazon.CDK.AWS.ElasticLoadBalancingV2.HealthCheck
            {
                Protocol = Amazon.CDK.AWS.ElasticLoadBalancingV2.Protocol.HTTPS,
                Path = HealthCheckPath,
                Port = "traffic-port",
                HealthyThresholdCount = HealthyThreshold,
                UnhealthyThresholdCount = UnhealthyThreshold,
                Interval = Duration.Seconds(HealthCheckIntervalSeconds),
                Timeout = Duration.Seconds(HealthCheckTimeoutSeconds),
                HealthyHttpCodes = "200",
            },
        });

        // The load balancer's only way out is 4433 to the web servers (a rule CDK adds as its own
        // resource when the group becomes a target). Without an inline rule, EC2 would keep its
        // default allow-all egress, so carry CDK's own "no traffic" placeholder inline.
        ((CfnSecurityGroup)balancerSecurityGroup.Node.DefaultChild!).AddPropertyOverride("SecurityGroupEgress", new[]
        {
            new Dictionary<string, object>
            {
                ["CidrIp"] = "255.255.255.255/32",
                ["Description"] = "Disallow all traffic",
                ["IpProtocol"] = "icmp",
                ["FromPort"] = 252,
                ["ToPort"] = 86,
            },
        });

        LoadBalancer.AddListener("Https", new BaseApplicationListenerProps
        {
            Port = ListenerPort,
            Protocol = ApplicationProtocol.HTTPS,
            Certificates = [ListenerCertificate.FromArn(settings.CertificateArn)],
            SslPolicy = SslPolicy.RECOMMENDED_TLS,
            Open = false,
            DefaultTargetGroups = [TargetGroup],
        });

        SimpleScaling.Add(this, "ScaleOut", Group, new ScalingRule
        {
            AlarmName = settings.Name("gas-web-scale-out"),
            Description = "More than 200 successful (2XX) target responses in one minute: add a web server",
            Metric = LoadBalancer.Metrics.HttpCodeTarget(HttpCodeTarget.TARGET_2XX_COUNT, new MetricOptions
            {
                Statistic = Stats.SUM,
                Period = Duration.Minutes(1),
            }),
            Comparison = ComparisonOperator.GREATER_THAN_THRESHOLD,
            Threshold = ScaleOutResponsesPerMinute,
            Adjustment = 1,
            CooldownSeconds = ScaleOutCooldownSeconds,
            // No requests, no datapoint: that is not load.
            MissingData = TreatMissingData.NOT_BREACHING,
        });

        SimpleScaling.Add(this, "ScaleIn", Group, new ScalingRule
        {
            AlarmName = settings.Name("gas-web-scale-in"),
            Description = "Average target response time under 10 ms for one minute: remove a web server",
            Metric = LoadBalancer.Metrics.TargetResponseTime(new MetricOptions
            {
                Statistic = Stats.AVERAGE,
                Period = Duration.Minutes(1),
            }),
            Comparison = ComparisonOperator.LESS_THAN_THRESHOLD,
            Threshold = ScaleInResponseTimeSeconds,
            Adjustment = -1,
            // An idle farm reports no response time at all; treat it as fast so it shrinks back to the minimum.
            MissingData = TreatMissingData.BREACHING,
        });
    }
}
