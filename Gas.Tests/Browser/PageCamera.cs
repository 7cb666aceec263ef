using Microsoft.Playwright;

namespace Gas.Tests.Browser;

/// <summary>
/// Full-page screenshots of the pages a walk visits, numbered in order, kept in <c>TestResults/screenshots/&lt;name&gt;/</c>
/// at the repository root (where scripts/test.sh collects results) and attached to the test's result.
/// </summary>
public sealed class PageCamera
{
    private readonly TestContext _context;
    private int _count;

    public PageCamera(TestContext context, string name)
    {
        _context = context;
        Folder = Path.Combine(Support.Paths.RepositoryRoot, "TestResults", "screenshots", name);
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public async Task ShootAsync(IPage page, string name)
    {
        var path = Path.Combine(Folder, $"{++_count:00}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        _context.AddResultFile(path);
    }

    /// <summary>The desktop viewport the walks use; <see cref="ShootBothAsync"/> returns to it.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };

    /// <summary>Shoots the page at desktop width and at 390 px (a phone), where nothing may scroll sideways.</summary>
    public async Task ShootBothAsync(IPage page, string name)
    {
        await ShootAsync(page, name + "-desktop");
        await page.SetViewportSizeAsync(390, 844);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        await ShootAsync(page, name + "-390px");
        await page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
        Assert.IsLessThanOrEqualTo(0, overflow, $"{name} scrolls sideways by {overflow} px at 390 px");
    }

    /// <summary>Registers through the form and logs in, as a new user does; ends on /annotate.</summary>
    public static async Task RegisterAndLogInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/Account/Register");
        await page.Locator("#Input_Name").FillAsync("New User");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(password);
        await page.Locator("#Input_ConfirmPassword").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/Account/Login**");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/annotate");
    }
}
