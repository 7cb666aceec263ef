using Gas.Core.Email;
using Gas.RazorPages.Util;

namespace Gas.RazorPages.Accounts;

/// <summary>
/// The emails accounts send: a welcome to a new account, and to an existing one a note that someone tried to
/// register its address (both are sent, so the page after registering never has to say which happened); and the
/// link to choose a new password.
/// </summary>
public sealed class AccountEmails(IEmailSender email, PublicAddress address, ILogger<AccountEmails> logger)
{
    public Task SendWelcomeAsync(GasUser user) =>
        SendAsync(user, "GAS: your account is ready",
            $"Hello {user.DisplayName},\n\nYour GAS account for {user.Email} is ready. Log in at {Link("/Account/Login")} to annotate your first VCF file.\n");

    public Task SendRegistrationAttemptAsync(GasUser user) =>
        SendAsync(user, "GAS: someone tried to register your address",
            $"Hello {user.DisplayName},\n\nSomeone (perhaps you) tried to create a new GAS account for {user.Email}, which already has one. " +
            $"Nothing was changed. If it was you, log in at {Link("/Account/Login")}. If not, you can ignore this message.\n");

    /// <summary>The link to choose a new password; it works once, for a limited time (Identity's token lifespan).</summary>
    public Task SendPasswordResetAsync(GasUser user, string token) =>
        SendAsync(user, "GAS: choose a new password",
            $"Hello {user.DisplayName},\n\nSomeone (perhaps you) asked to reset the password of the GAS account for {user.Email}. " +
            $"To choose a new password, open {Link($"/Account/ResetPassword?email={Uri.EscapeDataString(user.Email!)}&token={Uri.EscapeDataString(token)}")} " +
            "within a day. If you did not ask, ignore this message: your password stays as it is.\n");

    private Uri Link(string path) => address.Link(path);

    private async Task SendAsync(GasUser user, string subject, string text)
    {
        try
        {
            // Not cancelled with the request: the message should go even if the browser gave up.
            await email.SendAsync(new EmailMessage(user.Email!, subject, text, EmailHtml.FromText(text)), CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or System.Net.Sockets.SocketException
            or MailKit.Net.Smtp.SmtpCommandException or MailKit.ProtocolException)
        {
            // The page must read the same whether or not mail went out; the log says it did not.
            logger.LogError(e, "Could not send \"{Subject}\" to user {UserId}", subject, user.Id);
        }
    }
}
