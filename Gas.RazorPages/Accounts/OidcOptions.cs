using System.ComponentModel.DataAnnotations;

namespace Gas.RazorPages.Accounts;

/// <summary>
/// Section <c>Gas:Accounts:Oidc</c>: an OpenID Connect provider (Globus Auth, for one) whose users may sign in beside
/// local accounts. Off while <see cref="Authority"/> is empty; the secret comes only from configuration.
/// </summary>
public sealed class OidcOptions : IValidatableObject
{
    public const string Section = AccountsOptions.Section + ":Oidc";

    public static readonly IReadOnlyList<string> DefaultScopes = ["openid", "email", "profile"];

    private static readonly string[] RequiredScopes = ["openid", "email"];

    /// <summary>The issuer, e.g. <c>https://auth.globus.org</c>; HTTPS, or HTTP on a loopback address (tests, a local provider).</summary>
    public Uri? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The provider's name on the button: "Sign in with …".</summary>
    [Required, StringLength(60)]
    public string DisplayName { get; set; } = "OpenID Connect";

    /// <summary>Scopes to ask for; <see cref="DefaultScopes"/> when none are given. Must include <c>openid</c> and <c>email</c>.</summary>
    public List<string> Scopes { get; set; } = [];

    public bool IsConfigured => Authority is not null;

    public IReadOnlyList<string> EffectiveScopes => Scopes.Count == 0 ? DefaultScopes : Scopes;

    /// <summary>A provider on loopback over plain HTTP: its metadata may be fetched without TLS.</summary>
    public bool IsLoopbackHttp => Authority is { IsAbsoluteUri: true, Scheme: "http", IsLoopback: true };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            if (!string.IsNullOrEmpty(ClientId) || !string.IsNullOrEmpty(ClientSecret))
            {
                yield return new ValidationResult($"{Section}:{nameof(Authority)}: required when a client id or secret is set.", [nameof(Authority)]);
            }

            yield break;
        }

        if (!Authority!.IsAbsoluteUri || !(Authority.Scheme == Uri.UriSchemeHttps || IsLoopbackHttp))
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(Authority)}: '{Authority}' must be an absolute https:// address (plain http only on a loopback address).",
                [nameof(Authority)]);
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return new ValidationResult($"{Section}:{nameof(ClientId)}: required when an authority is set.", [nameof(ClientId)]);
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return new ValidationResult($"{Section}:{nameof(ClientSecret)}: required when an authority is set (give it through the environment or a secret store, not a committed file).", [nameof(ClientSecret)]);
        }

        foreach (var needed in RequiredScopes.Where(scope => !EffectiveScopes.Contains(scope, StringComparer.Ordinal)))
        {
            yield return new ValidationResult($"{Section}:{nameof(Scopes)}: must include '{needed}' (sign-in needs the user's verified email).", [nameof(Scopes)]);
        }
    }
}
