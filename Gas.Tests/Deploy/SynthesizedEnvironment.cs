using System.Text.Json.Nodes;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using Gas.Deploy;

namespace Gas.Tests.Deploy;

/// <summary>
/// The GAS stack synthesized once for the whole test run (jsii starts node; a synth takes seconds),
/// shared by every template test class as a CDK assertions <see cref="Template"/> and as plain JSON.
/// </summary>
public static class SynthesizedEnvironment
{
    public const string Prefix = "test-";
    public const string CertificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555";
    public const string Artifacts = "s3://gas-artifacts-example/releases/2026-11-01";
    public const string EmailFrom = "gas@example.org";

    private static readonly Lazy<(Template Template, JsonObject Json)> _synthesized = new(Synthesize);

    public static Template Synthesized => _synthesized.Value.Template;

    /// <summary>The same template as JSON, for checks the matchers express poorly (user data text).</summary>
    public static JsonObject Json => _synthesized.Value.Json;

    public static Dictionary<string, object> Context() => new()
    {
        ["gas:prefix"] = Prefix,
        ["gas:certificateArn"] = CertificateArn,
        ["gas:artifacts"] = Artifacts,
        ["gas:emailFrom"] = EmailFrom,
    };

    /// <summary>A CDK app carrying the given context (and the app's feature flags).</summary>
    public static App NewApp(IDictionary<string, object> context)
    {
        // jsii's node child inherits this; node 20 works but would warn on every start.
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        var all = new Dictionary<string, object>(Gas.Deploy.Program.FeatureFlags);
        foreach (var (key, value) in context)
        {
            all[key] = value;
        }
        return new App(new AppProps
        {
            Context = all,
            // Without an outdir every App makes a temporary folder of its own and leaves it behind.
            Outdir = Path.Combine(Path.GetTempPath(), "gas-cdk-tests"),
        });
    }

    private static (Template, JsonObject) Synthesize()
    {
        var app = NewApp(Context());
        var stack = new GasStack(app, "test-gas", GasSettings.FromContext(app.Node));
        var assembly = app.Synth();
        var text = File.ReadAllText(assembly.GetStackArtifact(stack.ArtifactId).TemplateFullPath);
        try
        {
            Directory.Delete(assembly.Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        return (Template.FromString(text), (JsonObject)JsonNode.Parse(text)!);
    }

    /// <summary>Resources of one CloudFormation type, by logical id.</summary>
    public static IEnumerable<(string Id, JsonObject Properties)> Resources(string type) =>
        Json["Resources"]!.AsObject()
            .Where(pair => (string?)pair.Value!["Type"] == type)
            .Select(pair => (pair.Key, pair.Value!["Properties"]?.AsObject() ?? []));

    /// <summary>The one resource of a type whose properties contain the given name/value pair.</summary>
    public static (string Id, JsonObject Properties) ResourceWith(string type, string property, string value) =>
        Resources(type).Single(resource => (string?)resource.Properties[property] == value);

    /// <summary>A user data script as text, CloudFormation references shown as <c>{ref:Id}</c>.</summary>
    public static string UserData(string launchTemplateName)
    {
        var (_, template) = ResourceWith("AWS::EC2::LaunchTemplate", "LaunchTemplateName", launchTemplateName);
        var join = template["LaunchTemplateData"]!["UserData"]!["Fn::Base64"]!["Fn::Join"]!.AsArray();
        return string.Concat(join[1]!.AsArray().Select(part => part switch
        {
            JsonValue value => (string)value!,
            JsonObject reference when reference["Ref"] is { } id => $"{{ref:{id}}}",
            JsonObject reference when reference["Fn::GetAtt"] is JsonArray attribute => $"{{ref:{attribute[0]}.{attribute[1]}}}",
            _ => "{token}",
        }));
    }

    /// <summary>A logical id's <c>Fn::GetAtt GroupId</c> or <c>Ref</c> as it appears in the JSON.</summary>
    public static string? ReferencedId(JsonNode? node) => node switch
    {
        JsonObject { } o when o["Ref"] is { } id => (string?)id,
        JsonObject { } o when o["Fn::GetAtt"] is JsonArray attribute => (string?)attribute[0],
        _ => null,
    };
}
