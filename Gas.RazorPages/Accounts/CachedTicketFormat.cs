using Gas.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Accounts;

/// <summary>
/// The sign-in cookie's format with a memory of what recent cookies decrypted to: a signed-in page otherwise decrypts and
/// authenticates its cookie (AES and HMAC through data protection, then deserializes the claims) on every request, a tenth of
/// the job list's CPU. Decryption is a function of the exact cookie text and the key ring, so the same text gives the same
/// ticket: each hit hands out a copy (handlers change a ticket's properties) and everything after decryption still runs per
/// request — the expiry check, the stamp and role check (<see cref="CachedSecurityStampValidator"/>), sliding renewal.
/// An entry lives for at most <see cref="AccountsOptions.CookieRevalidationInterval"/> (zero: nothing is remembered), so a
/// data-protection key revoked elsewhere stops a cookie within the same interval as a stamp changed elsewhere.
/// </summary>
public sealed class CachedTicketFormat(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider time, TimeSpan lifetime)
    : ISecureDataFormat<AuthenticationTicket>
{
    /// <summary>How many cookies are remembered at most (a ticket is a few hundred bytes of claims).</summary>
    internal const int MaxEntries = 20_000;

    private readonly ExpiringMemory<AuthenticationTicket> _tickets = new(time, lifetime, MaxEntries);

    internal int Count => _tickets.Count;

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        if (_tickets.TryGet(protectedText, out var known))
        {
            return known.Clone();
        }

        var ticket = inner.Unprotect(protectedText);
        if (ticket is not null)
        {
            _tickets.Set(protectedText, ticket.Clone());
        }

        return ticket;
    }

    /// <summary>Wraps the application cookie's format once the framework has made it (its post-configuration runs first).</summary>
    internal sealed class Installer(TimeProvider time, IOptions<AccountsOptions> accounts) : IPostConfigureOptions<CookieAuthenticationOptions>
    {
        public void PostConfigure(string? name, CookieAuthenticationOptions options)
        {
            if (name != IdentityConstants.ApplicationScheme || options.TicketDataFormat is CachedTicketFormat)
            {
                return;
            }

            var format = options.TicketDataFormat
                ?? throw new InvalidOperationException("The sign-in cookie has no ticket format yet: register the cache after AddIdentity.");
            options.TicketDataFormat = new CachedTicketFormat(format, time, accounts.Value.CookieRevalidationInterval);
        }
    }
}
