using AiGuard.Sandbox.Tests.Clients;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// The shell blocks of docs/operations.md that a test runs verbatim: each follows a
/// <c>&lt;!-- tested: ... --&gt;</c> marker naming the test file, so the documentation cannot drift from what works.
/// </summary>
internal static class DocumentedCommands
{
    private static string Operations => Path.Combine(KubeClientTools.RepoRoot, "docs", "operations.md");

    /// <summary>The fenced blocks marked as run by <paramref name="testFile"/>, in document order.</summary>
    public static IReadOnlyList<string> Blocks(string testFile)
    {
        var lines = File.ReadAllLines(Operations);
        var blocks = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("<!-- tested:", StringComparison.Ordinal) || !lines[i].Contains(testFile, StringComparison.Ordinal))
            {
                continue;
            }

            Assert.True(i + 1 < lines.Length && lines[i + 1] == "```sh", $"docs/operations.md:{i + 2}: a tested marker must be followed by a ```sh block");
            var end = Array.IndexOf(lines, "```", i + 2);
            Assert.True(end > 0, $"docs/operations.md:{i + 2}: the ```sh block is not closed");
            blocks.Add(string.Join('\n', lines[(i + 2)..end]));
        }

        return blocks;
    }

    /// <summary>Runs a block with <c>sh -e</c> in the session's directory, kubectl 1.35 first on the PATH.</summary>
    public static async Task<ClientRun> RunAsync(KubeClientSession session, string block)
    {
        var tools = Path.GetDirectoryName(KubeClientTools.Kubectl)!;
        var script = $"set -e\ncd '{session.Directory}'\nexport PATH='{tools}':\"$PATH\"\n{block}\n";
        return await session.RunAsync("/bin/sh", ["-c", script]);
    }
}
