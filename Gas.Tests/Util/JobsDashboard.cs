using System.Net;
using Gas.Tests.Support;

namespace Gas.Tests.Util;

/// <summary>The Hangfire dashboard is for administrators only.</summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class JobsDashboard
{
    [TestMethod]
    public async Task OnlyAdministratorsOpenTheDashboard()
    {
        using var app = new GasAppFactory();
        using var anonymous = app.NewSession();
        var response = await anonymous.Client.GetAsync("/admin/jobs");
        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode);
        StringAssert.StartsWith(response.Headers.Location!.AbsolutePath, "/Account/Login");

        using var user = app.NewSession();
        await user.RegisterAsync();
        var refused = await user.Client.GetAsync("/admin/jobs/recurring");
        Assert.IsTrue(refused.StatusCode is HttpStatusCode.Forbidden
            || (refused.StatusCode == HttpStatusCode.Redirect && refused.Headers.Location!.AbsolutePath.StartsWith("/Account/AccessDenied", StringComparison.Ordinal)),
            $"got {refused.StatusCode} {refused.Headers.Location}");

        using var admin = app.NewSession();
        await admin.LoginAsync(GasAppFactory.AdminEmail, GasAppFactory.AdminPassword);
        var recurring = await admin.Client.GetStringAsync("/admin/jobs/recurring");
        foreach (var id in new[] { "drain-results-notify", "drain-results-archive", "drain-restore-requests", "drain-dead-letters", "archive-sweep" })
        {
            StringAssert.Contains(recurring, id);
        }
    }
}
