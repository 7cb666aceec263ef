using System.Reflection;

namespace Gas.Tests.Suite;

/// <summary>
/// Every test class says what it needs, so <c>dotnet test --filter TestCategory=Unit</c> is a fast inner loop and a new
/// class cannot slip in without a category.
/// </summary>
[TestClass]
[TestCategory("Unit")]
public sealed class TestClassCategories
{
    /// <summary>Unit: no services, emulators, processes or network. The others name what the class needs.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "Unit", "Contract", "Web", "Browser", "EndToEnd", "Deploy", "Engine",
    };

    private static IEnumerable<Type> TestClasses() =>
        typeof(TestClassCategories).Assembly.GetTypes().Where(t => t.GetCustomAttribute<TestClassAttribute>() is not null);

    [TestMethod]
    public void EveryTestClassCarriesExactlyOneKnownCategory()
    {
        var wrong = TestClasses()
            .Select(t => (t.FullName, Categories: t.GetCustomAttributes<TestCategoryAttribute>().SelectMany(a => a.TestCategories).ToList()))
            .Where(c => c.Categories.Count != 1 || !Known.Contains(c.Categories[0]))
            .Select(c => $"{c.FullName}: [{string.Join(", ", c.Categories)}]")
            .ToList();

        Assert.IsGreaterThan(30, TestClasses().Count(), "the suite's test classes were found");
        Assert.IsEmpty(wrong, "Give each of these classes exactly one [TestCategory] of " + string.Join(", ", Known) + ":\n" + string.Join("\n", wrong));
    }

    /// <summary>Hangfire keeps its storage and activator in process-wide statics, so two app hosts at once can swap them.</summary>
    [TestMethod]
    public void ClassesThatHostTheAppOrProcessesNeverRunBesideEachOther()
    {
        string[] hosting = ["Web", "Browser", "EndToEnd", "Deploy"];
        var parallel = TestClasses()
            .Where(t => t.GetCustomAttributes<TestCategoryAttribute>().SelectMany(a => a.TestCategories).Any(hosting.Contains))
            .Where(t => t.GetCustomAttribute<DoNotParallelizeAttribute>() is null)
            .Select(t => t.FullName)
            .ToList();

        Assert.IsEmpty(parallel, "Mark these [DoNotParallelize]: they host the app or start processes:\n" + string.Join("\n", parallel));
    }

    [TestMethod]
    public void CategoriesAreSetOnClassesNotOnSingleTests()
    {
        var methods = TestClasses()
            .SelectMany(t => t.GetMethods().Where(m => m.GetCustomAttributes<TestCategoryAttribute>().Any()).Select(m => $"{t.FullName}.{m.Name}"))
            .ToList();

        Assert.IsEmpty(methods, "A test method has a category of its own, so a class filter would split it:\n" + string.Join("\n", methods));
    }
}
