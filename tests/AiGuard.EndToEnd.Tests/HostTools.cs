namespace AiGuard.EndToEnd.Tests;

/// <summary>Finds host executables on PATH, and tells whether the tests run in CI (CI=true).</summary>
internal static class HostTools
{
    public static bool InCi => Environment.GetEnvironmentVariable("CI") is { } ci
        && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>Why a test needing <paramref name="tools"/> is skipped here, or null to run it (always under CI).</summary>
    public static string? SkipReason(IEnumerable<string> tools)
    {
        var missing = tools.Where(tool => Find(tool) is null).ToList();
        return missing.Count == 0 || InCi
            ? null
            : $"needs {string.Join(", ", missing)} (apt-get install -y {string.Join(' ', missing)}); runs always under CI=true";
    }

    /// <summary>The full path of <paramref name="tool"/> on PATH, or null.</summary>
    public static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin").Append("/sbin")
            .Select(directory => Path.Combine(directory, tool))
            .FirstOrDefault(File.Exists);

    /// <summary>The full path of <paramref name="tool"/>, or an exception naming the package that provides it.</summary>
    public static string Require(string tool) =>
        Find(tool) ?? throw new InvalidOperationException($"{tool} is not installed: apt-get install -y {tool} (.ci/run installs it)");
}
