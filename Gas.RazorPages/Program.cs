using Gas.Annotator.Engine;
using Gas.Annotator.Worker;
using Gas.Core;
using Gas.Core.Configuration;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Api;
using Gas.RazorPages.EmbeddedStore;
using Gas.RazorPages.Infrastructure;
using Gas.RazorPages.Plans;
using Gas.RazorPages.Util;

var builder = WebApplication.CreateBuilder(args);
var gas = builder.Configuration.GetSection(GasOptions.Section).Get<GasOptions>() ?? new GasOptions();

builder.Services.AddGasCore(builder.Configuration);
builder.Services.AddGasAdapters(builder.Configuration);
builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddWebUi(builder.Configuration);
builder.Services.AddGasApi(builder.Configuration);
builder.Services.AddPlans(builder.Configuration, builder.Environment);
builder.Services.AddUtilJobs(builder.Configuration, runServer: gas.HasRole("util"));
if (gas.HasRole("annotator"))
{
    builder.Services.AddAnnotationEngine(builder.Configuration);
}

builder.Services.AddAnnotatorWorker(builder.Configuration, runWorker: gas.HasRole("annotator"));

var app = builder.Build();
if (!ConfigurationCheck.Passes(app.Services))
{
    Environment.ExitCode = 1;
    return;
}

await app.Services.InitializeAccountsAsync();
if (gas.HasRole("util"))
{
    app.Services.ScheduleUtilJobs();
}

app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
}

app.UseSecurityHeaders();
app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
app.UseStorageFullPage();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.UseGasApi();

app.MapGasHealthChecks();
if (gas.HasRole("web"))
{
    app.MapRazorPages();
    app.MapGasApi();
    app.MapJobsDashboard();
    app.MapPaymentWebhook();
    if (!gas.IsAws)
    {
        app.MapEmbeddedObjectStore();
    }
}

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
