using System.ComponentModel.DataAnnotations;

namespace Gas.Core.Configuration;

/// <summary>Section <c>Gas</c>: which adapter family runs and which roles this process plays.</summary>
public sealed class GasOptions
{
    public const string Section = "Gas";

    /// <summary><c>embedded</c> (default: no cloud) or <c>aws</c>.</summary>
    [Required, RegularExpression("^(embedded|aws)$", ErrorMessage = "Gas:Provider must be 'embedded' or 'aws'.")]
    public string Provider { get; set; } = "embedded";

    /// <summary>Comma-separated roles: <c>web</c>, <c>util</c>, <c>annotator</c>.</summary>
    [Required, RegularExpression(@"^\s*(web|util|annotator)(\s*,\s*(web|util|annotator))*\s*$",
        ErrorMessage = "Gas:Roles is a comma-separated list of web, util, annotator.")]
    public string Roles { get; set; } = "web,util,annotator";

    public bool HasRole(string role) =>
        Roles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Contains(role, StringComparer.OrdinalIgnoreCase);

    public bool IsAws => string.Equals(Provider, "aws", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every key any GAS process reads directly under <c>Gas</c>: its own settings and each options section.</summary>
    public static readonly IReadOnlyList<string> KnownKeys =
    [
        nameof(Provider), nameof(Roles),
        "Storage", "Messaging", "Retention", "Email", "Embedded", "Aws", "Annotator", "Admin", "Accounts", "Util", "Engine", "Web", "Payments", "Results", "Api",
    ];
}
