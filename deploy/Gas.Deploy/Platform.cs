using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace Gas.Deploy;

/// <summary>What the three tiers share: the settings and the stateful resources they use.</summary>
public sealed record Platform(
    GasSettings Settings,
    Vpc Vpc,
    DataStores Data,
    Messaging Messaging,
    AccountsDatabase Database,
    AppSecrets AppSecrets)
{
    public const int SmtpPort = 587;

    /// <summary>The configuration every GAS process gets, in environment-variable form.</summary>
    public IReadOnlyDictionary<string, string> CommonEnvironment() => new Dictionary<string, string>
    {
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Gas__Provider"] = "aws",
        ["Gas__Aws__Region"] = Aws.REGION,
        ["Gas__Aws__JobsTable"] = Data.Jobs.TableName,
        ["Gas__Storage__InputsBucket"] = Data.Inputs.BucketName,
        ["Gas__Storage__ResultsBucket"] = Data.Results.BucketName,
        ["Gas__Storage__ArchiveBucket"] = Data.Archive.BucketName,
        ["Gas__Messaging__JobRequestsTopic"] = Messaging.JobRequestsTopic.TopicName,
        ["Gas__Messaging__JobResultsTopic"] = Messaging.JobResultsTopic.TopicName,
        ["Gas__Messaging__RestoreTopic"] = Messaging.RestoreTopic.TopicName,
        ["Gas__Messaging__JobRequestsQueue"] = Messaging.JobRequestsQueue.QueueName,
        ["Gas__Messaging__ResultsNotifyQueue"] = Messaging.ResultsNotifyQueue.QueueName,
        ["Gas__Messaging__ResultsArchiveQueue"] = Messaging.ResultsArchiveQueue.QueueName,
        ["Gas__Messaging__RestoreQueue"] = Messaging.RestoreQueue.QueueName,
        ["Gas__Email__From"] = Settings.EmailFrom,
        ["Gas__Email__Smtp__Host"] = $"email-smtp.{Aws.REGION}.amazonaws.com",
        ["Gas__Email__Smtp__Port"] = "587",
        // The connection string itself (ConnectionStrings__Accounts) comes from Secrets Manager at service start.
        ["Gas__Accounts__Provider"] = "postgres",
    };

    /// <summary>
    /// Tags a tier and everything in it, the instances its group launches included, with the Name the
    /// specification asks for (<c>&lt;prefix&gt;gas-web</c>, ...). The priority beats the construct-path
    /// Name tags CDK puts on launch templates and groups.
    /// </summary>
    public static void NameEverything(Construct tier, string name) =>
        Tags.Of(tier).Add("Name", name, new TagProps { ApplyToLaunchedInstances = true, Priority = 200 });

    /// <summary>The role an instance of one tier runs as; each tier adds only the grants it needs.</summary>
    public Role InstanceRole(Construct scope, string description)
    {
        var role = new Role(scope, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("ec2.amazonaws.com"),
            Description = description,
        });
        // Every tier downloads its build, and nothing else, from the artifact location.
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ReadPublishedBuild",
            Actions = ["s3:GetObject"],
            Resources = [$"arn:{Aws.PARTITION}:s3:::{Settings.ArtifactBucket}/{Settings.ArtifactPrefix}/*"],
        }));
        if (Settings.SessionManager)
        {
            role.AddManagedPolicy(ManagedPolicy.FromAwsManagedPolicyName("AmazonSSMManagedInstanceCore"));
        }
        return role;
    }

    /// <summary>A security group that starts closed both ways; tiers open exactly what they use.</summary>
    public SecurityGroup ClosedSecurityGroup(Construct scope, string name, string description) =>
        new(scope, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = Vpc,
            SecurityGroupName = Settings.Name(name),
            Description = description,
            AllowAllOutbound = false,
        });

    /// <summary>HTTPS to AWS APIs (through the NAT gateway or the gateway endpoints), Stripe and the OS package mirrors.</summary>
    public static void AllowHttpsOut(SecurityGroup group) =>
        group.AddEgressRule(Peer.AnyIpv4(), Port.Tcp(443), "HTTPS to AWS APIs and package mirrors");

    public void AllowDatabaseAndMail(SecurityGroup group, string tier)
    {
        ArgumentNullException.ThrowIfNull(group);
        // Through Connections, both halves become rule resources of their own: inline rules that
        // name each other's groups would make the two groups depend on each other.
        Database.SecurityGroup.Connections.AllowFrom(group, Port.Tcp(AccountsDatabase.Port), $"PostgreSQL from the {tier} instances");
        group.AddEgressRule(Peer.AnyIpv4(), Port.Tcp(SmtpPort), "SES SMTP (STARTTLS)");
    }

    public LaunchTemplate LaunchTemplate(Construct scope, string name, string instanceType, Role role, SecurityGroup group, UserData userData) =>
        new(scope, "LaunchTemplate", new LaunchTemplateProps
        {
            LaunchTemplateName = Settings.Name(name),
            MachineImage = MachineImage.LatestAmazonLinux2023(),
            InstanceType = new InstanceType(instanceType),
            Role = role,
            SecurityGroup = group,
            UserData = userData,
            RequireImdsv2 = true,
            AssociatePublicIpAddress = false,
            BlockDevices =
            [
                new BlockDevice
                {
                    DeviceName = "/dev/xvda",
                    Volume = BlockDeviceVolume.Ebs(20, new EbsDeviceOptions { VolumeType = EbsDeviceVolumeType.GP3, Encrypted = true }),
                },
            ],
        });

    /// <summary>Object-level S3 access to one bucket, plus ListBucket so a missing key reads as 404 rather than 403.</summary>
    public static void AllowObjects(Role role, string sid, IBucket bucket, params string[] actions)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(bucket);
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = sid,
            Actions = actions,
            Resources = [bucket.ArnForObjects("*")],
        }));
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = sid + "List",
            Actions = ["s3:ListBucket"],
            Resources = [bucket.BucketArn],
        }));
    }

    /// <summary>Item-level DynamoDB access to the jobs table, its user index and its sweep index.</summary>
    public void AllowJobs(Role role, params string[] actions)
    {
        ArgumentNullException.ThrowIfNull(role);
        role.AddToPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "Jobs",
            Actions = actions.Select(action => "dynamodb:" + action).ToArray(),
            Resources = [Data.Jobs.TableArn, $"{Data.Jobs.TableArn}/index/{DataStores.UserIndexName}", $"{Data.Jobs.TableArn}/index/{DataStores.SweepIndexName}"],
        }));
    }
}
