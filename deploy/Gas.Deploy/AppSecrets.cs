using Amazon.CDK;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;

namespace Gas.Deploy;

/// <summary>
/// One Secrets Manager secret whose JSON keys are the application's own configuration keys
/// (Stripe and SES SMTP credentials). The stack creates it with empty values; an operator
/// fills them with <c>aws secretsmanager put-secret-value</c>, and instances read it at every service start.
/// Every key is required: until all have values the web and util services refuse to start, naming the empty
/// keys (<c>Boot/gas-fetch-secrets.py</c>), rather than run without payments or email.
/// </summary>
public sealed class AppSecrets : Construct
{
    /// <summary>The configuration keys the secret carries, in environment-variable form; each must have a value.</summary>
    public static readonly IReadOnlyList<string> Keys =
    [
        "Stripe__SecretKey",
        "Stripe__WebhookSecret",
        "Stripe__PriceId",
        "Gas__Email__Smtp__UserName",
        "Gas__Email__Smtp__Password",
    ];

    public Secret Secret { get; }

    public AppSecrets(Construct scope, string id, GasSettings settings) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Secret = new Secret(this, "Secret", new SecretProps
        {
            SecretName = settings.Name("gas-app"),
            Description = "GAS application secrets (Stripe, SES SMTP); JSON keys are configuration keys",
            // Empty placeholders, not secrets: CloudFormation leaves the value alone once an operator has set it.
            SecretObjectValue = Keys.ToDictionary(key => key, _ => SecretValue.UnsafePlainText("")),
        });
    }
}
