namespace Gas.Tests.Support;

/// <summary>Settings for the whole test process, made once before any test runs.</summary>
[TestClass]
[TestCategory("Unit")]
public sealed class TestProcess
{
    /// <summary>
    /// File providers in the hosts the suite starts (web root, configuration) watch with polling instead of inotify: each
    /// host took inotify instances that its disposal did not give back, and with some 150 hosts in one process the
    /// suite reached the user's limit (fs.inotify.max_user_instances, 128 here) and pages failed with an IOException.
    /// </summary>
    [AssemblyInitialize]
    public static void Start(TestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
}
