using System.Xml.Linq;
using AiGuard.Testing;

namespace AiGuard.EndToEnd.Tests;

/// <summary>The release version as Directory.Build.props states it: the one place it is written by hand.</summary>
internal static class ReleaseVersion
{
    public static string FromBuildProps()
    {
        var props = XDocument.Load(RepositoryRoot.Combine("Directory.Build.props"));
        var versions = props.Descendants("Version").Select(v => v.Value.Trim()).ToList();
        Assert.True(versions.Count == 1, $"Directory.Build.props must hold exactly one <Version>, found {versions.Count}");
        return versions[0];
    }
}
