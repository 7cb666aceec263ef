using Gas.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace Gas.Tests.Web;

/// <summary>
/// A page whose form posts straight to S3 (the AWS family's upload form) names that origin in form-action; nothing else
/// widens it. The security-headers middleware on a test server, with an endpoint standing in for the /annotate page.
/// </summary>
[TestClass]
[TestCategory("Web")]
[DoNotParallelize]
public sealed class FormTargets
{
    [TestMethod]
    public async Task AnAbsoluteUploadUrlIsAddedToFormActionAndARelativeOneIsNot()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        app.UseSecurityHeaders();
        app.MapGet("/s3", (HttpContext context) =>
        {
            context.AllowFormTarget(new Uri("https://gas-inputs.s3.us-east-1.amazonaws.com/"));
            return "form";
        });
        app.MapGet("/embedded", (HttpContext context) =>
        {
            context.AllowFormTarget(new Uri("/_store/gas-inputs", UriKind.Relative));
            return "form";
        });
        await app.StartAsync();
        using var client = app.GetTestClient();

        var s3 = (await client.GetAsync("/s3")).Headers.GetValues("Content-Security-Policy").Single();
        var embedded = (await client.GetAsync("/embedded")).Headers.GetValues("Content-Security-Policy").Single();

        StringAssert.EndsWith(s3, $"form-action 'self' {SecurityHeaders.StripeCheckout} https://gas-inputs.s3.us-east-1.amazonaws.com");
        StringAssert.Contains(embedded, $"form-action 'self' {SecurityHeaders.StripeCheckout}");
        Assert.DoesNotContain("amazonaws", embedded);
    }
}
