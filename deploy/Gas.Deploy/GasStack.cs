using Amazon.CDK;
using Constructs;

namespace Gas.Deploy;

/// <summary>The whole GAS environment in one stack: network, data, messaging, database and the three tiers.</summary>
public sealed class GasStack : Stack
{
    public Platform Platform { get; }
    public WebTier Web { get; }
    public AnnotatorTier Annotator { get; }
    public UtilTier Util { get; }

    public GasStack(Construct scope, string id, GasSettings settings, IStackProps? props = null) : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var network = new Network(this, "Network", settings);
        Platform = new Platform(
            settings,
            network.Vpc,
            new DataStores(this, "Data", settings),
            new Messaging(this, "Messaging", settings),
            new AccountsDatabase(this, "Accounts", settings, network.Vpc),
            new AppSecrets(this, "AppSecrets", settings));

        Web = new WebTier(this, "Web", Platform);
        Annotator = new AnnotatorTier(this, "Annotator", Platform);
        Util = new UtilTier(this, "Util", Platform, Web.SiteUrl);

        _ = new CfnOutput(this, "SiteUrl", new CfnOutputProps
        {
            Description = "Where the site answers: gas:siteUrl, whose DNS name (CNAME or alias) must point at the load balancer, or the load balancer's own name",
            Value = Web.SiteUrl,
        });
        _ = new CfnOutput(this, "JobRequestsQueueUrl", new CfnOutputProps
        {
            Description = "Where Gas.Annotator load sends its job requests",
            Value = Platform.Messaging.JobRequestsQueue.QueueUrl,
        });
        _ = new CfnOutput(this, "AppSecretName", new CfnOutputProps
        {
            Description = "Fill with Stripe and SES SMTP values: aws secretsmanager put-secret-value",
            Value = Platform.AppSecrets.Secret.SecretName,
        });
    }
}
