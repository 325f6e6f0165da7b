using System.Globalization;
using System.Text.RegularExpressions;
using AiGuard.Sandbox.Tests.Clients;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// The committed config/ manifests as kubectl gets them. The samples are copied so the GuardException's example
/// expiresAt can be moved to 30 days from now: an exception may end at most 90 days after it is created.
/// </summary>
internal static partial class SampleFiles
{
    public static string CrdDirectory => Path.Combine(KubeClientTools.RepoRoot, "config", "crd", "bases");

    public static string SampleDirectory => Path.Combine(KubeClientTools.RepoRoot, "config", "samples");

    /// <summary>Copies config/samples into <paramref name="directory"/> with a current expiresAt; returns the copy's path.</summary>
    public static string CopySamples(string directory)
    {
        var target = Directory.CreateDirectory(Path.Combine(directory, "samples")).FullName;
        var expiresAt = DateTime.UtcNow.Date.AddDays(30).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        foreach (var file in Directory.GetFiles(SampleDirectory, "*.yaml"))
        {
            var text = ExpiresAt().Replace(File.ReadAllText(file), $"expiresAt: \"{expiresAt}\"");
            File.WriteAllText(Path.Combine(target, Path.GetFileName(file)), text);
        }

        return target;
    }

    [GeneratedRegex("expiresAt: \"[^\"]*\"")]
    private static partial Regex ExpiresAt();
}
