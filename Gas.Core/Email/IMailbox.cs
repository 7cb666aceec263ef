namespace Gas.Core.Email;

/// <summary>Where the mail this deployment sent can be read back, if anywhere; the dev mailbox page asks it.</summary>
public interface IMailbox
{
    /// <summary>False when mail leaves by SMTP and no copy stays here.</summary>
    bool IsAvailable { get; }

    /// <summary>Where mail goes, in words for the mailbox page.</summary>
    string Description { get; }

    /// <summary>The newest <paramref name="count"/> messages to <paramref name="recipient"/> (to anyone when null), newest first.</summary>
    Task<IReadOnlyList<MailboxMessage>> NewestAsync(string? recipient, int count, CancellationToken ct = default);
}

/// <summary>One message as the mailbox shows it.</summary>
/// <param name="Html">The HTML part, if the message has one (never rendered as sent: see the mailbox page).</param>
public sealed record MailboxMessage(string To, string From, string Subject, string Text, DateTimeOffset Date, string? Html = null, string? MessageId = null);

/// <summary>The mailbox of a deployment that sends by SMTP (SES in AWS): there is none to read.</summary>
public sealed class SmtpOnlyMailbox(string host, int port) : IMailbox
{
    public bool IsAvailable => false;

    public string Description => $"No mailbox here: mail goes out by SMTP through {host}:{port}.";

    public Task<IReadOnlyList<MailboxMessage>> NewestAsync(string? recipient, int count, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<MailboxMessage>>([]);
}
