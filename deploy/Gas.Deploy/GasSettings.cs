using System.Globalization;
using System.Text.RegularExpressions;
using Constructs;

namespace Gas.Deploy;

/// <summary>What differs between one GAS environment and another, read from CDK context (<c>gas:*</c> keys).</summary>
public sealed partial record GasSettings
{
    /// <summary>Prepended to every resource name and Name tag, e.g. <c>jdoe-</c> gives <c>jdoe-gas-web</c>.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>ACM certificate for the load balancer's HTTPS listener on 443.</summary>
    public required string CertificateArn { get; init; }

    /// <summary>Bucket holding the published builds (<c>web.tar.gz</c>, <c>annotator.tar.gz</c>).</summary>
    public required string ArtifactBucket { get; init; }

    /// <summary>Key prefix of one release inside <see cref="ArtifactBucket"/>, without slashes at either end.</summary>
    public required string ArtifactPrefix { get; init; }

    /// <summary>The verified SES sender of the service's email.</summary>
    public required string EmailFrom { get; init; }

    public string WebInstanceType { get; init; } = "t3.small";
    public string AnnotatorInstanceType { get; init; } = "t3.medium";
    public string UtilInstanceType { get; init; } = "t3.small";
    public string DatabaseInstanceType { get; init; } = "t4g.micro";
    public bool DatabaseMultiAz { get; init; }
    public int NatGateways { get; init; } = 1;
    public int AnnotatorMaxCapacity { get; init; } = 10;

    /// <summary>Lets operators open a shell through SSM Session Manager (there is no SSH); off by default.</summary>
    public bool SessionManager { get; init; }

    /// <summary>
    /// The site's public address (<c>https://gas.example.org</c>), for links in emails; unset, the load balancer's own DNS name
    /// is used, which works but does not match a certificate issued for the site's name.
    /// </summary>
    public string? SiteUrl { get; init; }

    /// <summary>The artifact location as one <c>s3://bucket/prefix</c> string.</summary>
    public string ArtifactLocation => $"s3://{ArtifactBucket}/{ArtifactPrefix}";

    /// <summary>Reads and validates the settings; a missing or malformed value stops the synth with its key's name.</summary>
    public static GasSettings FromContext(Node node)
    {
        ArgumentNullException.ThrowIfNull(node);
        string? Text(string key) => node.TryGetContext(key)?.ToString() is { Length: > 0 } value ? value.Trim() : null;
        string Required(string key) => Text(key)
            ?? throw new ArgumentException($"CDK context '{key}' is required (cdk.json or -c {key}=...).");
        int Number(string key, int fallback) => Text(key) is { } value
            ? int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : fallback;
        bool Flag(string key) => Text(key) is { } value && bool.Parse(value);

        if (Text("gas:rawMessageDelivery") is not null)
        {
            throw new ArgumentException(
                "CDK context 'gas:rawMessageDelivery' is no longer a setting: SNS delivers raw bodies, as the application provisions them (Gas.Core MessagingLayout).");
        }

        var prefix = Text("gas:prefix") ?? "";
        if (!PrefixPattern().IsMatch(prefix))
        {
            throw new ArgumentException(
                "CDK context 'gas:prefix' must be at most 12 lowercase letters, digits or hyphens (it goes into bucket and load balancer names).");
        }

        var artifacts = Required("gas:artifacts");
        var location = ArtifactPattern().Match(artifacts);
        if (!location.Success)
        {
            throw new ArgumentException($"CDK context 'gas:artifacts' must look like s3://bucket/prefix, not '{artifacts}'.");
        }

        var certificateArn = Required("gas:certificateArn");
        if (!certificateArn.StartsWith("arn:", StringComparison.Ordinal) || !certificateArn.Contains(":certificate/", StringComparison.Ordinal))
        {
            throw new ArgumentException($"CDK context 'gas:certificateArn' must be an ACM certificate ARN, not '{certificateArn}'.");
        }

        var siteUrl = Text("gas:siteUrl");
        if (siteUrl is not null && (!Uri.TryCreate(siteUrl, UriKind.Absolute, out var site) || site.Scheme != Uri.UriSchemeHttps
            || site.PathAndQuery != "/" || site.UserInfo.Length > 0))
        {
            throw new ArgumentException($"CDK context 'gas:siteUrl' must be the site's https address with no path, like https://gas.example.org, not '{siteUrl}'.");
        }

        return new GasSettings
        {
            Prefix = prefix,
            CertificateArn = certificateArn,
            ArtifactBucket = location.Groups["bucket"].Value,
            ArtifactPrefix = location.Groups["prefix"].Value.Trim('/'),
            EmailFrom = Required("gas:emailFrom"),
            WebInstanceType = Text("gas:webInstanceType") ?? "t3.small",
            AnnotatorInstanceType = Text("gas:annotatorInstanceType") ?? "t3.medium",
            UtilInstanceType = Text("gas:utilInstanceType") ?? "t3.small",
            DatabaseInstanceType = Text("gas:databaseInstanceType") ?? "t4g.micro",
            DatabaseMultiAz = Flag("gas:databaseMultiAz"),
            NatGateways = Number("gas:natGateways", 1),
            AnnotatorMaxCapacity = Number("gas:annotatorMaxCapacity", 10),
            SessionManager = Flag("gas:sessionManager"),
            SiteUrl = siteUrl?.TrimEnd('/'),
        };
    }

    /// <summary>A resource name with the environment's prefix, e.g. <c>Name("gas-web")</c>.</summary>
    public string Name(string name) => Prefix + name;

    [GeneratedRegex("^[a-z0-9-]{0,12}$")]
    private static partial Regex PrefixPattern();

    [GeneratedRegex("^s3://(?<bucket>[a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/(?<prefix>.+)$")]
    private static partial Regex ArtifactPattern();
}
