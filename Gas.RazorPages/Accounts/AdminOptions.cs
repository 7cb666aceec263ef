using System.ComponentModel.DataAnnotations;

namespace Gas.RazorPages.Accounts;

/// <summary>Section <c>Gas:Admin</c>: the first administrator, created at start-up when absent.</summary>
public sealed class AdminOptions
{
    public const string Section = "Gas:Admin";

    [Required, EmailAddress]
    public string Email { get; set; } = "admin@gas.local";

    /// <summary>When empty, a random password is generated on first start and printed to the log once.</summary>
    public string? Password { get; set; }
}
