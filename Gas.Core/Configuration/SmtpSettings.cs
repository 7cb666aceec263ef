using System.ComponentModel.DataAnnotations;

namespace Gas.Core.Configuration;

/// <summary>An SMTP server to send through; absent in embedded mode means the pickup folder.</summary>
public sealed class SmtpSettings
{
    [Required] public string Host { get; set; } = "";
    [Range(1, 65535)] public int Port { get; set; } = 587;
    /// <summary>STARTTLS when the server offers it (SES requires it); false for a local test server.</summary>
    public bool UseTls { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
}
