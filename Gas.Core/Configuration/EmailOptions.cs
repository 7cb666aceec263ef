using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Gas.Core.Configuration;

/// <summary>Section <c>Gas:Email</c>: sender and, optionally, an SMTP server (SES's SMTP interface in AWS).</summary>
public sealed class EmailOptions
{
    public const string Section = "Gas:Email";

    [Required, EmailAddress] public string From { get; set; } = "noreply@gas.local";
    [Required] public string FromName { get; set; } = "GAS";
    [ValidateObjectMembers] public SmtpSettings? Smtp { get; set; }
}
