using System.ComponentModel.DataAnnotations;

namespace Gas.RazorPages.Plans;

/// <summary>Section <c>Stripe</c>: keys come from configuration (user secrets, environment, a secrets manager), never code.</summary>
public sealed class StripeOptions : IValidatableObject
{
    public const string Section = "Stripe";

    public string? SecretKey { get; set; }
    public string? WebhookSecret { get; set; }

    /// <summary>The recurring Price of the Premium plan ($999.99/week in the specification).</summary>
    public string? PriceId { get; set; }

    /// <summary>How the price reads on the pages.</summary>
    [Required]
    public string DisplayPrice { get; set; } = "$999.99 per week";

    /// <summary>With a secret key payments go through Stripe; without one, see <see cref="PaymentsOptions"/>.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(SecretKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsConfigured && string.IsNullOrWhiteSpace(PriceId))
        {
            yield return new ValidationResult("Stripe:PriceId is required when Stripe:SecretKey is set.", [nameof(PriceId)]);
        }

        if (IsConfigured && string.IsNullOrWhiteSpace(WebhookSecret))
        {
            yield return new ValidationResult("Stripe:WebhookSecret is required when Stripe:SecretKey is set.", [nameof(WebhookSecret)]);
        }
    }
}
