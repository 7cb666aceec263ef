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

    [TestMethod]
    public void CategoriesAreSetOnClassesNotOnSingleTests()
    {
        var methods = TestClasses()
            .SelectMany(t => t.GetMethods().Where(m => m.GetCustomAttributes<TestCategoryAttribute>().Any()).Select(m => $"{t.FullName}.{m.Name}"))
            .ToList();

        Assert.IsEmpty(methods, "A test method has a category of its own, so a class filter would split it:\n" + string.Join("\n", methods));
    }
}
