using System.Reflection;

namespace AiGuard.Cli;

/// <summary>
/// ProductVersion is the release version from Directory.Build.props as this build stamped it, split into the
/// semantic version (what users, SARIF consumers and image tags compare) and the source revision the SDK appends
/// after '+'. One place reads it so <c>aiguard version</c> and every report agree.
/// </summary>
public static class ProductVersion
{
    private static readonly string Informational =
        typeof(ProductVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The semantic version, e.g. <c>0.2.0</c>, without build metadata.</summary>
    public static string Semantic { get; } = Informational.Split('+', 2)[0];

    /// <summary>The source revision (commit) the build was made from, or null when the build did not record one.</summary>
    public static string? Revision { get; } = Informational.Split('+', 2) is [_, { Length: > 0 } revision] ? revision : null;
}
