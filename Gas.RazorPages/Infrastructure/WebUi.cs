using Gas.Core;
using Gas.Core.Configuration;
using Gas.RazorPages.EmbeddedStore;
using Gas.RazorPages.Jobs;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Gas.RazorPages.Infrastructure;

/// <summary>Registers the Razor Pages UI, its authorization conventions, the web role's middleware settings and its services.</summary>
public static class WebUi
{
    public static IServiceCollection AddWebUi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<WebOptions>(configuration, WebOptions.Section);
        services.AddRazorPages(options =>
        {
            // Everything needs a signed-in user except the home page and the pages that sign one in.
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AllowAnonymousToPage("/Index");
            options.Conventions.AllowAnonymousToPage("/Error");
            options.Conventions.AllowAnonymousToPage("/Account/Login");
            options.Conventions.AllowAnonymousToPage("/Account/Register");
            options.Conventions.AllowAnonymousToPage("/Account/ForgotPassword");
            options.Conventions.AllowAnonymousToPage("/Account/ResetPassword");
            options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
            options.Conventions.AllowAnonymousToPage("/Account/ExternalLogin");
        }).AddMvcOptions(options => options.Filters.Add(new MethodNotAllowedFilter()));
        services.AddHttpContextAccessor();
        services.AddScoped<ViewerClock>();
        services.AddSingleton<Plans.PlanWords>();
        services.AddScoped<JobSubmission>();
        services.AddScoped<Reannotation>();
        services.AddScoped<JobAccess>();
        services.AddSingleton<ResultsAvailability>();
        services.AddSingleton<ValidationReportMemory>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<WebOptions>>(TrustConfiguredProxies);
        services.AddGasHealthChecks();

        var gas = configuration.GetSection(GasOptions.Section).Get<GasOptions>() ?? new GasOptions();
        if (!gas.IsAws && gas.HasRole("web"))
        {
            // The process that serves the embedded store also expires its unclaimed uploads.
            services.AddHostedService<UnclaimedUploadSweepService>();
        }

        return services;
    }

    /// <summary>
    /// Believes <c>X-Forwarded-For</c>/<c>-Proto</c> only from the configured proxies and networks (behind the load balancer,
    /// the VPC); with none configured, only from loopback.
    /// </summary>
    private static void TrustConfiguredProxies(ForwardedHeadersOptions options, IOptions<WebOptions> web)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        if (web.Value.KnownProxies is [] && web.Value.KnownNetworks is [])
        {
            return;
        }

        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in web.Value.KnownProxies)
        {
            options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
        }

        foreach (var network in web.Value.KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }
}
