using Amazon.CDK;

namespace Gas.Deploy;

public static class Program
{
    /// <summary>The feature flags this app is written for; cdk.json sets the same for the CLI.</summary>
    public static readonly IReadOnlyDictionary<string, object> FeatureFlags = new Dictionary<string, object>
    {
        ["@aws-cdk/aws-autoscaling:generateLaunchTemplateInsteadOfLaunchConfig"] = true,
    };

    public static int Main()
    {
        var app = new App(new AppProps { Context = FeatureFlags.ToDictionary() });
        GasSettings settings;
        try
        {
            settings = GasSettings.FromContext(app.Node);
        }
        catch (Exception error) when (error is ArgumentException or FormatException)
        {
            Console.Error.WriteLine($"Gas.Deploy: {error.Message}");
            return 1;
        }
        _ = new GasStack(app, settings.Name("gas"), settings, new StackProps
        {
            Description = "GAS (Genomics Annotation Service): web, annotator and util tiers",
            Env = new Amazon.CDK.Environment
            {
                Account = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_ACCOUNT"),
                Region = System.Environment.GetEnvironmentVariable("CDK_DEFAULT_REGION"),
            },
        });
        app.Synth();
        return 0;
    }
}
