using AiGuard.Testing;

namespace AiGuard.Engine.Tests.Planning;

/// <summary>
/// GoldenFiles finds the committed golden files in the source tree (walking up from the test binaries to
/// AiGuardOperator.sln), so that AIGUARD_UPDATE_GOLDEN=1 rewrites the files under version control, not copies.
/// </summary>
internal static class GoldenFiles
{
    public const string UpdateVariable = "AIGUARD_UPDATE_GOLDEN";
    private static readonly string[] RelativeDirectory = ["tests", "AiGuard.Engine.Tests", "Planning", "Golden"];

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    public static string Directory { get; } = RepositoryRoot.Combine(RelativeDirectory);

    public static string PathOf(string fileName) => Path.Combine(Directory, fileName);

    public static string Read(string fileName) => Normalize(File.ReadAllText(PathOf(fileName)));

    /// <summary>Compares <paramref name="actual"/> with the golden file, or rewrites it when updating.</summary>
    public static void Verify(string fileName, string actual)
    {
        actual = Normalize(actual);
        var path = PathOf(fileName);
        if (Updating)
        {
            File.WriteAllText(path, actual);
            return;
        }

        var hint = $"If the change is intended, rerun with {UpdateVariable}=1 to rewrite the golden files, then review and commit the diff.";
        if (!File.Exists(path))
        {
            Assert.Fail($"Golden file {path} does not exist. {hint}");
        }

        var expected = Normalize(File.ReadAllText(path));
        if (expected != actual)
        {
            Assert.Fail($"Planned state differs from {path} at {FirstDifference(expected, actual)}. {hint}");
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (e != a)
            {
                return $"line {i + 1}: expected '{e}', planned '{a}'";
            }
        }

        return "the end of the file";
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
