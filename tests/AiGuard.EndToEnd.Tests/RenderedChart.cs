using System.Text.Json;
using System.Text.Json.Nodes;
using AiGuard.Sandbox.Tests.Clients;
using k8s;
using YamlDotNet.Serialization;

namespace AiGuard.EndToEnd.Tests;

/// <summary>
/// The chart as <c>helm template</c> renders it, as generic JSON objects: ServiceMonitor and PrometheusRule are not
/// kinds the Kubernetes client knows, so typed loading (<see cref="InstallManifests.RenderChartAsync"/>) cannot read them.
/// </summary>
internal sealed class RenderedChart
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build();

    private RenderedChart(List<JsonObject> objects) => Objects = objects;

    public List<JsonObject> Objects { get; }

    /// <summary>Renders release <paramref name="release"/> in <paramref name="ns"/> with helm arguments (<c>--set</c>, <c>--show-only</c>...).</summary>
    public static async Task<RenderedChart> RenderReleaseAsync(KubeClientSession session, string release, string ns, params string[] arguments)
    {
        var run = await session.HelmAsync(["template", release, InstallManifests.Chart, "-n", ns, .. arguments]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return new RenderedChart(ParseDocuments(run.StdOut));
    }

    /// <summary>Renders with <c>--set</c> values as release <c>rel</c> in <c>aiguard-system</c>.</summary>
    public static Task<RenderedChart> RenderAsync(KubeClientSession session, params string[] setValues) =>
        RenderReleaseAsync(session, "rel", "aiguard-system", [.. setValues.SelectMany(v => new[] { "--set", v })]);

    /// <summary>Every YAML document of a multi-document stream, as JSON.</summary>
    public static List<JsonObject> ParseDocuments(string yaml) =>
        [.. yaml.Split("\n---", StringSplitOptions.RemoveEmptyEntries)
            .Select(doc => Yaml.Deserialize<object?>(doc))
            .Where(doc => doc is not null)
            .Select(doc => JsonSerializer.SerializeToNode(WithStringKeys(doc))!.AsObject())];

    /// <summary>A YAML value parsed into plain objects: YamlDotNet's maps have object keys, which JSON cannot have.</summary>
    public static object? WithStringKeys(object? value) => value switch
    {
        IDictionary<object, object?> map => map.ToDictionary(e => Convert.ToString(e.Key, System.Globalization.CultureInfo.InvariantCulture)!, e => WithStringKeys(e.Value)),
        IList<object?> list => list.Select(WithStringKeys).ToList(),
        _ => value,
    };

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    public JsonObject Single(string kind) => Assert.Single(OfKind(kind));

    /// <summary>The one object of <paramref name="kind"/> as the Kubernetes client's typed model.</summary>
    public T Typed<T>(string kind) => KubernetesJson.Deserialize<T>(Single(kind).ToJsonString());

    /// <summary>Every rendered name, <c>Kind/namespace/name</c> (namespace empty for cluster-scoped kinds).</summary>
    public IEnumerable<string> Names() =>
        Objects.Select(o => $"{o["kind"]}/{o["metadata"]?["namespace"]}/{o["metadata"]?["name"]}");
}
