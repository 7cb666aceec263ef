using System.ComponentModel.DataAnnotations;

namespace Gas.RazorPages.Accounts;

/// <summary>Section <c>Gas:Admin</c>: the first administrator, created at start-up when absent.</summary>
public sealed class AdminOptions : IValidatableObject
{
    public const string Section = "Gas:Admin";

    [Required, EmailAddress]
    public string Email { get; set; } = "admin@gas.local";

    /// <summary>When empty, a random password is generated on first start into <c>admin-password.txt</c> (0600) in the data directory.</summary>
    public string? Password { get; set; }

    /// <summary>A configured password meets the same rules as anyone's, checked before the process does anything.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(Password)
            && (Password.Length < 8 || StrongPasswordValidator.Score(Password, [Email]) < StrongPasswordValidator.MinimumScore))
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(Password)} is too easy to guess (at least 8 characters and a zxcvbn score of {StrongPasswordValidator.MinimumScore}).",
                [nameof(Password)]);
        }
    }
}
