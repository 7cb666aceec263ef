using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.RDS;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;

namespace Gas.Deploy;

/// <summary>PostgreSQL for accounts and Hangfire; its credentials live only in Secrets Manager.</summary>
public sealed class AccountsDatabase : Construct
{
    public const int Port = 5432;
    public const string DatabaseName = "gas";

    public DatabaseInstance Instance { get; }
    public ISecret Credentials { get; }
    public SecurityGroup SecurityGroup { get; }

    public AccountsDatabase(Construct scope, string id, GasSettings settings, IVpc vpc) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(settings);
        SecurityGroup = new SecurityGroup(this, "SecurityGroup", new SecurityGroupProps
        {
            Vpc = vpc,
            SecurityGroupName = settings.Name("gas-db"),
            Description = "GAS PostgreSQL: 5432 from the web and util instances only",
            AllowAllOutbound = false,
        });

        Instance = new DatabaseInstance(this, "Postgres", new DatabaseInstanceProps
        {
            Engine = DatabaseInstanceEngine.Postgres(new PostgresInstanceEngineProps { Version = PostgresEngineVersion.VER_16 }),
            InstanceType = new Amazon.CDK.AWS.EC2.InstanceType(settings.DatabaseInstanceType),
            InstanceIdentifier = settings.Name("gas-db"),
            DatabaseName = DatabaseName,
            Port = Port,
            Credentials = Amazon.CDK.AWS.RDS.Credentials.FromGeneratedSecret("gas_admin", new CredentialsBaseOptions
            {
                SecretName = settings.Name("gas-db-credentials"),
            }),
            Vpc = vpc,
            VpcSubnets = new SubnetSelection { SubnetType = SubnetType.PRIVATE_ISOLATED },
            SecurityGroups = [SecurityGroup],
            MultiAz = settings.DatabaseMultiAz,
            AllocatedStorage = 20,
            MaxAllocatedStorage = 100,
            StorageType = StorageType.GP3,
            StorageEncrypted = true,
            PubliclyAccessible = false,
            BackupRetention = Duration.Days(7),
            DeletionProtection = true,
            RemovalPolicy = RemovalPolicy.SNAPSHOT,
        });
        Credentials = Instance.Secret ?? throw new InvalidOperationException("RDS generated no credentials secret.");
    }
}
