using Gas.Core;
using Gas.Core.Configuration;
using Gas.RazorPages.Plans.Stripe;
using Gas.RazorPages.Plans.TestCheckout;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Stripe;

namespace Gas.RazorPages.Plans;

/// <summary>Registers plan changes and the one payments adapter this server uses, chosen here once.</summary>
public static class DependencyInjection
{
    public static IServiceCollection AddPlans(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        services.AddValidatedOptions<StripeOptions>(configuration, StripeOptions.Section);
        services.AddValidatedOptions<PaymentsOptions>(configuration, PaymentsOptions.Section);
        services.AddScoped<PlanChanges>();
        services.AddScoped<PaymentEvents>();

        var checkout = ChooseCheckout(
            configuration.GetSection(StripeOptions.Section).Get<StripeOptions>() ?? new StripeOptions(),
            configuration.GetSection(PaymentsOptions.Section).Get<PaymentsOptions>(binder => binder.ErrorOnUnknownConfiguration = true) ?? new PaymentsOptions(),
            configuration.GetSection(GasOptions.Section).Get<GasOptions>()?.IsAws ?? false,
            environment.IsDevelopment());
        switch (checkout)
        {
            case CheckoutKind.PaymentProvider:
                services.AddHttpClient(StripePayments.HttpClientName);
                services.AddScoped<IPayments>(sp => new StripePayments(
                    new StripeClient(
                        sp.GetRequiredService<IOptions<StripeOptions>>().Value.SecretKey,
                        httpClient: new SystemNetHttpClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient(StripePayments.HttpClientName))),
                    sp.GetRequiredService<IOptions<StripeOptions>>(),
                    sp.GetRequiredService<TimeProvider>()));
                break;
            case CheckoutKind.TestCheckout:
                services.AddSingleton<IPayments, TestCheckoutPayments>();
                services.AddScoped<TestCardCheckout>();
                break;
            default:
                services.AddSingleton<IPayments, UpgradesUnavailable>();
                break;
        }

        if (checkout != CheckoutKind.TestCheckout)
        {
            // Without the test checkout its page has no route at all: every request to it is a 404.
            services.Configure<RazorPagesOptions>(options =>
                options.Conventions.AddPageRouteModelConvention("/Subscribe/Checkout", page => page.Selectors.Clear()));
        }

        return services;
    }

    /// <summary>
    /// Stripe when its key is set; otherwise the test checkout, which runs in Development in embedded mode or when
    /// <c>Gas:Payments:TestCheckout</c> is true, but never in aws mode (it would make anyone Premium for free); otherwise none.
    /// </summary>
    public static CheckoutKind ChooseCheckout(StripeOptions stripe, PaymentsOptions payments, bool aws, bool development)
    {
        ArgumentNullException.ThrowIfNull(stripe);
        ArgumentNullException.ThrowIfNull(payments);
        if (payments.TestCheckout == true && aws)
        {
            throw new InvalidOperationException(
                "Gas:Payments:TestCheckout=true is refused when Gas:Provider is aws: the test checkout makes anyone Premium without paying. " +
                "Configure Stripe (Stripe:SecretKey, Stripe:WebhookSecret, Stripe:PriceId) instead.");
        }

        if (payments.TestCheckout == true && stripe.IsConfigured)
        {
            throw new InvalidOperationException(
                "Gas:Payments:TestCheckout=true and Stripe:SecretKey are both set; choose one way to take payments.");
        }

        if (stripe.IsConfigured)
        {
            return CheckoutKind.PaymentProvider;
        }

        return payments.TestCheckout ?? (development && !aws) ? CheckoutKind.TestCheckout : CheckoutKind.Unavailable;
    }
}
