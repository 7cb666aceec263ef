using System.Security.Claims;
using Gas.RazorPages.Accounts;
using Gas.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Gas.Tests.Accounts;

/// <summary>
/// The sign-in cookie is decrypted once per interval, not per request: the same text gives a copy of the same ticket, anything
/// else (a tampered cookie) is decrypted (and refused) as before, and nothing is remembered past the revalidation interval.
/// That revocation still applies to a remembered cookie is <see cref="SignInChecks"/>' part, which runs with the memory on.
/// </summary>
[TestClass]
[TestCategory("Unit")]
public sealed class SignInTicketMemory
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    [TestMethod]
    public void TheSameCookieIsDecryptedOnceWithinTheInterval()
    {
        var (format, inner, _) = Format(Interval);
        var cookie = format.Protect(Ticket("alice"));

        Assert.AreEqual("alice", format.Unprotect(cookie)?.Principal.Identity?.Name);
        Assert.AreEqual("alice", format.Unprotect(cookie)?.Principal.Identity?.Name);

        Assert.AreEqual(1, inner.Unprotects);
    }

    [TestMethod]
    public void EachRequestGetsItsOwnCopyToChange()
    {
        var (format, _, _) = Format(Interval);
        var cookie = format.Protect(Ticket("alice"));

        var first = format.Unprotect(cookie)!;
        first.Properties.Items["changed"] = "yes";
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim(ClaimTypes.Role, "admin"));
        var second = format.Unprotect(cookie)!;

        Assert.IsFalse(second.Properties.Items.ContainsKey("changed"));
        Assert.IsFalse(second.Principal.IsInRole("admin"));
    }

    [TestMethod]
    public void ATamperedCookieIsDecryptedAndRefusedEveryTime()
    {
        var (format, inner, _) = Format(Interval);
        var cookie = format.Protect(Ticket("alice"));
        var tampered = cookie[..^4] + (cookie[^4] == 'A' ? 'B' : 'A') + cookie[^3..];

        Assert.IsNotNull(format.Unprotect(cookie));
        Assert.IsNull(format.Unprotect(tampered));
        Assert.IsNull(format.Unprotect(tampered));

        Assert.AreEqual(3, inner.Unprotects);
    }

    [TestMethod]
    public void PastTheIntervalTheCookieIsDecryptedAgain()
    {
        var (format, inner, clock) = Format(Interval);
        var cookie = format.Protect(Ticket("alice"));
        format.Unprotect(cookie);

        clock.Advance(Interval);
        format.Unprotect(cookie);

        Assert.AreEqual(2, inner.Unprotects);
    }

    [TestMethod]
    public void AZeroIntervalRemembersNothing()
    {
        var (format, inner, _) = Format(TimeSpan.Zero);
        var cookie = format.Protect(Ticket("alice"));

        format.Unprotect(cookie);
        format.Unprotect(cookie);

        Assert.AreEqual(2, inner.Unprotects);
    }

    [TestMethod]
    public void TheAppsSignInCookieUsesTheMemory()
    {
        using var app = new GasAppFactory();
        var options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>();

        Assert.IsInstanceOfType<CachedTicketFormat>(options.Get(IdentityConstants.ApplicationScheme).TicketDataFormat);
        Assert.IsNotInstanceOfType<CachedTicketFormat>(options.Get(IdentityConstants.ExternalScheme).TicketDataFormat);
    }

    private static AuthenticationTicket Ticket(string name) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "test")),
            new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddDays(1) }, IdentityConstants.ApplicationScheme);

    private static (CachedTicketFormat Format, CountingFormat Inner, FakeTimeProvider Clock) Format(TimeSpan interval)
    {
        var inner = new CountingFormat(new TicketDataFormat(new EphemeralDataProtectionProvider().CreateProtector("sign-in tests")));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        return (new CachedTicketFormat(inner, clock, interval), inner, clock);
    }

    private sealed class CountingFormat(ISecureDataFormat<AuthenticationTicket> real) : ISecureDataFormat<AuthenticationTicket>
    {
        public int Unprotects { get; private set; }

        public string Protect(AuthenticationTicket data) => real.Protect(data);

        public string Protect(AuthenticationTicket data, string? purpose) => real.Protect(data, purpose);

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Unprotects++;
            return real.Unprotect(protectedText, purpose);
        }
    }
}
