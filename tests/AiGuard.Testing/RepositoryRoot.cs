namespace AiGuard.Testing;

/// <summary>
/// RepositoryRoot finds the checkout the tests run from, by walking up from the test binaries to AiGuardOperator.sln,
/// so tests read and (for golden files) rewrite the committed files, not copies. Shared through this project.
/// </summary>
public static class RepositoryRoot
{
    private const string SolutionFile = "AiGuardOperator.sln";
    private static readonly Lazy<string> Root = new(Find);

    /// <summary>The directory holding AiGuardOperator.sln.</summary>
    public static string Path => Root.Value;

    /// <summary>A path under the repository root, e.g. <c>Combine("config", "samples")</c>.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"{SolutionFile} not found above {AppContext.BaseDirectory}; these tests read files from the source tree.");
    }
}
