using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using k8s;

namespace AiGuard.Benchmarks.Suite;

/// <summary>
/// WriteFloor replays the operator's writes from bare HTTP clients, with the operator stopped: the same number of
/// writes of each verb on each resource, each writing a new object copied from a real child the operator created
/// (or a new status on a ModelDeployment), so the sandbox does the same work without any controller logic. The
/// fastest the operator could possibly converge is this floor at its own concurrency.
/// </summary>
internal sealed class WriteFloor
{
    private const string Namespace = "bench-floor";
    private const string ApplyType = "application/apply-patch+yaml";
    private const string MergeType = "application/merge-patch+json";
    private readonly SandboxProcess sandbox;
    private readonly List<(string Verb, string Resource, long Count)> mix;
    private readonly Dictionary<string, JsonObject> templates = new(StringComparer.Ordinal);
    private int statusTargets;

    private WriteFloor(SandboxProcess sandbox, List<(string, string, long)> mix)
    {
        this.sandbox = sandbox;
        this.mix = mix;
    }

    /// <summary>Writes the floor could not replay (unknown resources, deletes), to report beside its time.</summary>
    public long Skipped { get; private set; }

    public long Total => mix.Sum(m => m.Count);

    /// <summary>Reads one template per resource from what the operator wrote, and creates the status targets (untimed).</summary>
    public static async Task<WriteFloor> PrepareAsync(SandboxProcess sandbox, IReadOnlyList<(string Verb, string Resource, long Count)> operatorWrites)
    {
        var replayable = new List<(string, string, long)>();
        var floor = new WriteFloor(sandbox, replayable);
        await sandbox.Client.CoreV1.CreateNamespaceAsync(new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = Namespace } });
        foreach (var (verb, resource, count) in operatorWrites)
        {
            var plural = resource.Split('/')[0];
            if (verb == "delete" || ChildKinds.GroupPath(plural) is null || count <= 0)
            {
                floor.Skipped += Math.Max(0, count);
                continue;
            }

            if (!floor.templates.ContainsKey(resource))
            {
                var template = await floor.TemplateAsync(plural, resource);
                if (template is null)
                {
                    floor.Skipped += count;
                    continue;
                }

                floor.templates[resource] = template;
            }

            replayable.Add((verb, resource, count));
        }

        if (replayable.FirstOrDefault(m => m.Item2 == "modeldeployments/status") is { Item3: > 0 } status)
        {
            floor.statusTargets = (int)Math.Min(status.Item3, 2_000);
            await floor.CreateStatusTargetsAsync();
        }

        return floor;
    }

    /// <summary>Runs every write with <paramref name="clients"/> concurrent clients; objects are named after <paramref name="round"/>.</summary>
    public async Task<(TimeSpan Elapsed, long Failed)> RunAsync(int clients, string round)
    {
        var writes = Interleave();
        var next = -1;
        var failed = 0L;
        var http = Enumerable.Range(0, clients).Select(_ => sandbox.CreateHttpClient()).ToList();
        try
        {
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(http.Select(client => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < writes.Count; i = Interlocked.Increment(ref next))
                {
                    using var request = Request(writes[i].Verb, writes[i].Resource, $"{round}-{i}", i);
                    using var response = await client.SendAsync(request);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
            })));
            return (clock.Elapsed, failed);
        }
        finally
        {
            http.ForEach(h => h.Dispose());
        }
    }

    // One write of each resource in turn, as the operator writes a model's children together.
    private List<(string Verb, string Resource)> Interleave()
    {
        var writes = new List<(string, string)>();
        var left = mix.Select(m => m.Count).ToArray();
        while (left.Any(n => n > 0))
        {
            for (var m = 0; m < mix.Count; m++)
            {
                if (left[m]-- > 0)
                {
                    writes.Add((mix[m].Verb, mix[m].Resource));
                }
            }
        }

        return writes;
    }

    private HttpRequestMessage Request(string verb, string resource, string name, int index)
    {
        var plural = resource.Split('/')[0];
        var group = ChildKinds.GroupPath(plural)!;
        var body = (JsonObject)templates[resource].DeepClone();
        if (resource == "modeldeployments/status")
        {
            // A new status each time (lastEvaluatedTime moves), on one of the floor's own ModelDeployments.
            body["status"]!["lastEvaluatedTime"] = DateTime.UtcNow.AddSeconds(index).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            var target = $"floor-model-{index % statusTargets}";
            return new HttpRequestMessage(HttpMethod.Patch, new Uri($"{group}/namespaces/{Namespace}/modeldeployments/{target}/status", UriKind.Relative))
            {
                Content = new StringContent(new JsonObject { ["status"] = body["status"]!.DeepClone() }.ToJsonString(), Encoding.UTF8, MergeType),
            };
        }

        body["metadata"]!["name"] = name;
        if (verb == "create")
        {
            return new HttpRequestMessage(HttpMethod.Post, new Uri($"{group}/namespaces/{Namespace}/{plural}", UriKind.Relative))
            {
                Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            };
        }

        // apply, patch and update all write a whole new object here: server-side apply, as the operator does.
        return new HttpRequestMessage(HttpMethod.Patch, new Uri($"{group}/namespaces/{Namespace}/{plural}/{name}?fieldManager=bench-floor&force=true", UriKind.Relative))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, ApplyType),
        };
    }

    // One object of the resource as the operator wrote it, stripped to what a client sends: no uid, owner,
    // resourceVersion, managedFields or status (except a ModelDeployment's status, the thing written there), and
    // without the managed-by label so the operator's informers would not see the copies.
    private async Task<JsonObject?> TemplateAsync(string plural, string resource)
    {
        var group = ChildKinds.GroupPath(plural)!;
        var selector = ChildKinds.Owned.ContainsKey(plural) ? "&" + ChildState.Selector : "";
        var list = JsonNode.Parse(await sandbox.Http.GetStringAsync(new Uri($"{group}/{plural}?limit=1{selector}", UriKind.Relative)))!;
        if (list["items"] is not JsonArray { Count: > 0 } items)
        {
            return null;
        }

        var item = (JsonObject)items[0]!.DeepClone();
        var kind = list["kind"]!.GetValue<string>().Replace("List", "", StringComparison.Ordinal);
        var metadata = (JsonObject)item["metadata"]!;
        var labels = metadata["labels"] as JsonObject;
        labels?.Remove("app.kubernetes.io/managed-by");
        var clean = new JsonObject
        {
            ["apiVersion"] = list["apiVersion"]!.GetValue<string>(),
            ["kind"] = kind,
            ["metadata"] = new JsonObject
            {
                ["namespace"] = Namespace,
                ["labels"] = labels?.DeepClone(),
                ["annotations"] = metadata["annotations"]?.DeepClone(),
            },
        };
        foreach (var (key, value) in item)
        {
            if (key is not ("apiVersion" or "kind" or "metadata") && (key != "status" || resource == "modeldeployments/status"))
            {
                clean[key] = value?.DeepClone();
            }
        }

        if (plural == "events")
        {
            clean["regarding"]?.AsObject().Remove("uid");
        }

        if (plural == "services" && clean["spec"] is JsonObject serviceSpec)
        {
            serviceSpec.Remove("clusterIP");
            serviceSpec.Remove("clusterIPs");
        }

        return clean;
    }

    private async Task CreateStatusTargetsAsync()
    {
        var spec = templates["modeldeployments/status"]["spec"]!.ToJsonString();
        using var http = sandbox.CreateHttpClient();
        for (var i = 0; i < statusTargets; i++)
        {
            var body = $$"""{"apiVersion":"aiguard.io/v1alpha1","kind":"ModelDeployment","metadata":{"name":"floor-model-{{i}}","namespace":"{{Namespace}}"},"spec":{{spec}}}""";
            using var response = await http.PostAsync(new Uri($"/apis/aiguard.io/v1alpha1/namespaces/{Namespace}/modeldeployments", UriKind.Relative),
                new StringContent(body, Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
        }
    }
}
