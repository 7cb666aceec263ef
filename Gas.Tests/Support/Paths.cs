namespace Gas.Tests.Support;

/// <summary>Locations outside the test's output folder: the repository and the shared specification data.</summary>
public static class Paths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The specification's sample VCFs; tests read them in place and fail if they are missing.</summary>
    public static string Sample(string name)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "samples", name));
        if (!File.Exists(path))
        {
            Assert.Fail($"Sample {path} is missing: the shared/ folder must sit beside the repository.");
        }

        return path;
    }

    public static string NewTempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "gas-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gas.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Gas.sln not found above " + AppContext.BaseDirectory);
    }
}
