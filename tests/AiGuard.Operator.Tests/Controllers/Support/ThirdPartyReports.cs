using System.Text.Json;
using System.Text.Json.Nodes;
using AiGuard.Operator.Controllers;
using AiGuard.Operator.Reports;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Tests.Controllers.Support;

/// <summary>
/// ThirdPartyReports installs the published PolicyReport / openreports CRDs (config/third-party) into the sandbox
/// and reads the reports back as raw JSON, so a field written under the wrong name counts as missing.
/// </summary>
public static class ThirdPartyReports
{
    /// <summary>Every third-party report CRD file.</summary>
    public static readonly string[] AllFiles =
    [
        "wgpolicyk8s.io_policyreports.yaml", "wgpolicyk8s.io_clusterpolicyreports.yaml",
        "openreports.io_reports.yaml", "openreports.io_clusterreports.yaml",
    ];

    /// <summary>Operator options with a short discovery recheck and conflict recheck, so tests need not wait a minute.</summary>
    public static OperatorCoreOptions Options(PolicyReportOptions? reports = null) => new()
    {
        Reports = (reports ?? new PolicyReportOptions()) with
        {
            DiscoveryInterval = TimeSpan.FromMilliseconds(200),
            ConflictRecheck = TimeSpan.FromMilliseconds(300),
        },
    };

    /// <summary>Installs <paramref name="files"/> (default: all four) from config/third-party.</summary>
    public static async Task InstallAsync(Kubernetes client, params string[] files)
    {
        foreach (var file in files.Length == 0 ? AllFiles : files)
        {
            var path = AiGuard.Testing.RepositoryRoot.Combine("config", "third-party", file);
            foreach (var crd in KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(path)).OfType<V1CustomResourceDefinition>())
            {
                await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
            }
        }
    }

    /// <summary>The namespaced report of <paramref name="api"/> named <paramref name="name"/>, or null when absent.</summary>
    public static async Task<JsonObject?> ReadAsync(Kubernetes client, ReportApi api, string ns, string name = "aiguard")
    {
        try
        {
            var raw = await client.CustomObjects.GetNamespacedCustomObjectAsync(api.Group, api.Version, ns, api.Plural, name);
            return JsonNode.Parse(((JsonElement)raw).GetRawText())!.AsObject();
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Creates a namespaced <paramref name="api"/> report as a user would (one passing result), labelled
    /// <c>app.kubernetes.io/managed-by: <paramref name="managedBy"/></c>; returns it as stored.
    /// </summary>
    public static async Task<JsonObject> CreateAsync(Kubernetes client, ReportApi api, string ns, string name, string managedBy)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = api.GroupVersion,
            ["kind"] = api.Kind,
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["labels"] = new JsonObject { [AiGuard.Api.ApiGroup.ManagedByLabel] = managedBy },
            },
            ["results"] = new JsonArray(new JsonObject { ["policy"] = "aiguard", ["rule"] = "AIG-IMG-01", ["result"] = "pass", ["source"] = "aiguard" }),
            ["summary"] = new JsonObject { ["pass"] = 1 },
        };
        var created = await client.CustomObjects.CreateNamespacedCustomObjectAsync(JsonDocument.Parse(body.ToJsonString()), api.Group, api.Version, ns, api.Plural);
        return JsonNode.Parse(((JsonElement)created).GetRawText())!.AsObject();
    }

    /// <summary>The cluster-scoped report of <paramref name="api"/> named <paramref name="name"/>, or null when absent.</summary>
    public static async Task<JsonObject?> ReadClusterAsync(Kubernetes client, ReportApi api, string name = "aiguard")
    {
        try
        {
            var raw = await client.CustomObjects.GetClusterCustomObjectAsync(api.Group, api.Version, api.ClusterPlural, name);
            return JsonNode.Parse(((JsonElement)raw).GetRawText())!.AsObject();
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Polls until the report exists and <paramref name="done"/> holds for it.</summary>
    public static Task<JsonObject> WaitAsync(OperatorHarness h, ReportApi api, string ns, Func<JsonObject, bool> done, string what, TimeSpan? timeout = null)
    {
        JsonObject? last = null;
        return OperatorHarness.PollAsync(async () =>
        {
            last = await ReadAsync(h.Client, api, ns);
            return last is not null && done(last) ? last : null;
        }, () => $"{api} {ns}/aiguard {what}; last: {(last is null ? "absent" : Abbreviate(last))}", timeout ?? TimeSpan.FromSeconds(30));
    }

    /// <summary>The results of <paramref name="report"/>.</summary>
    public static List<JsonObject> Results(JsonObject report) => (report["results"] as JsonArray ?? []).OfType<JsonObject>().ToList();

    /// <summary>The result of control <paramref name="rule"/> for model <paramref name="model"/>.</summary>
    public static JsonObject ResultOf(JsonObject report, string model, string rule) =>
        Results(report).Single(r => Text(r, "rule") == rule && Text(r["resources"]![0]!.AsObject(), "name") == model);

    /// <summary>Results of <paramref name="model"/>.</summary>
    public static int CountFor(JsonObject report, string model) =>
        Results(report).Count(r => Text(r["resources"]![0]!.AsObject(), "name") == model);

    /// <summary>summary.<paramref name="field"/> (0 when absent).</summary>
    public static int Summary(JsonObject report, string field) => report["summary"]?[field]?.GetValue<int>() ?? 0;

    public static string Text(JsonObject obj, string field) => obj[field]?.GetValue<string>() ?? "";

    private static string Abbreviate(JsonObject report) =>
        $"{Results(report).Count} results, summary {report["summary"]?.ToJsonString()}";
}
