namespace Gas.Core.Email;

/// <summary>Sends one email to one person.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct = default);
}

/// <summary>An email with a plain-text body and an optional HTML body.</summary>
/// <param name="MessageId">
/// A stable identity (the Message-ID header, without angle brackets) for a notice that may be sent again after a crash
/// between the mail server's acceptance and the sender's record: a second transmission then carries the same id, so it is
/// the same message (RFC 5322 §3.6.4) and mail stores that suppress duplicates show it once. Without an <c>@</c> the
/// sender's domain is added (<c>job-42.completed</c> → <c>job-42.completed@gas.example</c>). Null: a fresh id per send.
/// </param>
public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody = null, string? MessageId = null);
