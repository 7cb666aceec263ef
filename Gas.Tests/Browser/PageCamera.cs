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
}
