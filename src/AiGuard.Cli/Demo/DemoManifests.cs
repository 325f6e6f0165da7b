using System.Reflection;

namespace AiGuard.Cli.Demo;

/// <summary>
/// DemoManifests are the committed CRDs (config/crd/bases) and samples (config/samples), embedded in the CLI at
/// build time so the demo works from any directory and from an installed binary.
/// </summary>
public static class DemoManifests
{
    private const string CrdPrefix = "crds/";
    private const string SamplePrefix = "samples/";

    /// <summary>The CRD files, by file name, in name order.</summary>
    public static IReadOnlyList<(string File, string Yaml)> Crds => Read(CrdPrefix);

    /// <summary>The sample files, by file name, in name order.</summary>
    public static IReadOnlyList<(string File, string Yaml)> Samples => Read(SamplePrefix);

    private static List<(string File, string Yaml)> Read(string prefix)
    {
        var assembly = typeof(DemoManifests).Assembly;
        var files = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => (name[prefix.Length..], ReadText(assembly, name)))
            .ToList();
        return files.Count > 0
            ? files
            : throw new InvalidOperationException($"no embedded {prefix}*.yaml in {assembly.GetName().Name}: the CLI was built without config/");
    }

    private static string ReadText(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
