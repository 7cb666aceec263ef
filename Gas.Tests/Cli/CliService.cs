using System.Net;
using Gas.RazorPages.Accounts;
using Gas.RazorPages.Api.Tokens;
using Gas.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Gas.Tests.Cli;

/// <summary>A user of a running service and a personal access token of theirs, made through the service's own token store.</summary>
internal sealed record CliUser(string Email, string UserId, string Token, string TokenId);

internal static class CliService
{
    /// <summary>Registers a new user on the running service (through its pages) and creates a token for them.</summary>
    public static async Task<CliUser> NewUserWithTokenAsync(GasAppFactory app, Uri address)
    {
        using var browser = new BrowserSession(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = address,
        });
        await browser.RegisterAsync();
        return await app.InScopeAsync(async services =>
        {
            var user = await services.GetRequiredService<UserManager<GasUser>>().FindByEmailAsync(browser.Email)
                ?? throw new AssertFailedException($"{browser.Email} was not registered");
            var tokens = services.GetRequiredService<PersonalAccessTokens>();
            var token = await tokens.CreateAsync(user.Id, "pipeline", app.Clock.GetUtcNow().AddDays(30));
            var listed = await tokens.ListAsync(user.Id);
            return new CliUser(browser.Email, user.Id, token, listed.Single().Id);
        });
    }

    public static Task<bool> RevokeAsync(GasAppFactory app, CliUser user) =>
        app.InScopeAsync(services => services.GetRequiredService<PersonalAccessTokens>().RevokeAsync(user.UserId, user.TokenId));
}
