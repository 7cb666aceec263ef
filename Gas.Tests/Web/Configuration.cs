using Gas.Tests.Support;
using Microsoft.Extensions.Options;

namespace Gas.Tests.Web;

/// <summary>Configuration mistakes stop the service at start-up instead of silently keeping a default.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class Configuration
{
    [TestMethod]
    [DataRow("Gas:Provder", "aws", "Provder")]
    [DataRow("Gas:Retention:FreeWindow", "00:01:00", "FreeWindow")]
    [DataRow("Gas:Provider", "azure", "Gas:Provider")]
    [DataRow("Gas:Roles", "web,printer", "Gas:Roles")]
    [DataRow("Gas:Provider", "aws", "Gas:Storage:InputsBucket")]
    [DataRow("Gas:Accounts:Provider", "mysql", "Gas:Accounts:Provider")]
    [DataRow("Gas:Accounts:Provider", "postgres", "ConnectionStrings:Accounts")]
    [DataRow("ConnectionStrings:Accounts", "Host=127.0.0.1;Username=gas;Database=gas", "Gas:Accounts:Provider=postgres")]
    [DataRow("Gas:Accounts:CookieRevalidationInterval", "-00:00:01", "Gas:Accounts:CookieRevalidationInterval")]
    [DataRow("Gas:Accounts:KeyRingCertificate", "/nonexistent/keyring.pfx", "Gas:Accounts:KeyRingCertificate")]
    [DataRow("Gas:Accounts:KeyRingCertficate", "keyring.pfx", "Gas:Accounts:KeyRingCertficate")]
    [DataRow("Gas:Admin:Password", "Password1", "Gas:Admin:Password")]
    [DataRow("Gas:Api:PermitsPerMinit", "10", "Gas:Api:PermitsPerMinit")]
    [DataRow("Gas:Api:PermitLimit", "0", "Gas:Api:PermitLimit")]
    public void AMisspeltOrInvalidSettingFailsStartUp(string key, string value, string expected)
    {
        using var app = new GasAppFactory(new Dictionary<string, string?> { [key] = value });
        var error = Assert.Throws<Exception>(() => app.CreateClient());
        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
        StringAssert.Contains(messages, expected);
        Assert.IsTrue(Flatten(error).Any(e => e is OptionsValidationException or InvalidOperationException), messages);
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
