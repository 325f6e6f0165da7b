using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiGuard.Api;
using AiGuard.Operator.Controllers;
using k8s;
using k8s.Models;

namespace AiGuard.Operator.Reports;

/// <summary>
/// ReportWriter keeps one report object (namespaced or cluster-scoped, of either <see cref="ReportApi"/>) equal to a
/// <see cref="ReportContent"/>. It remembers what it last stored, so an unchanged report costs no request at all; it
/// reads a report only the first time it meets it (or after a conflict). Ownership is the
/// <c>app.kubernetes.io/managed-by: aiguard-operator</c> label: an object of the same name without it belongs to
/// someone else and is never changed, adopted or deleted. Changes are JSON merge patches preconditioned on the
/// resourceVersion the writer last saw, so a report someone replaced in between is never overwritten blindly.
/// </summary>
public sealed class ReportWriter(IKubernetes client)
{
    /// <summary>Annotation saying how many results the cap left out (absent when none were).</summary>
    public const string OmittedAnnotation = "aiguard.io/results-omitted";

    private readonly ConcurrentDictionary<(ReportApi Api, string? Namespace, string Name), Stored> _stored = new();

    /// <summary>Forgets everything known about <paramref name="api"/>'s reports (its CRDs stopped or started being served).</summary>
    public void Forget(ReportApi api)
    {
        foreach (var key in _stored.Keys.Where(k => k.Api == api))
        {
            _stored.TryRemove(key, out _);
        }
    }

    /// <summary>
    /// Makes the report <paramref name="name"/> in <paramref name="namespace"/> (null: cluster-scoped) say
    /// <paramref name="content"/>, or removes the operator's report when <paramref name="content"/> is null.
    /// API errors other than the ones handled here propagate (the caller retries with backoff).
    /// </summary>
    public async Task<ReportWriteOutcome> SyncAsync(ReportApi api, string? @namespace, string name, ReportContent? content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        var key = (api, @namespace, name);
        if (!_stored.TryGetValue(key, out var stored) || stored.Foreign)
        {
            // First sight, or a foreign object that may have gone since: look once.
            stored = await ReadAsync(api, @namespace, name, cancellationToken).ConfigureAwait(false);
            _stored[key] = stored;
        }

        if (content is null)
        {
            // Nothing to report: remove ours; someone else's object of that name is no conflict and stays.
            return stored is { Exists: true, Foreign: false } ? await DeleteAsync(key, stored, cancellationToken).ConfigureAwait(false) : ReportWriteOutcome.Unchanged;
        }

        if (stored.Foreign)
        {
            return ReportWriteOutcome.Refused;
        }

        var desired = Body(api, content);
        if (stored.Exists && JsonNode.DeepEquals(stored.Projection, desired))
        {
            return ReportWriteOutcome.Unchanged;
        }

        try
        {
            var response = stored.Exists
                ? await PatchAsync(api, @namespace, name, stored, desired, cancellationToken).ConfigureAwait(false)
                : await CreateAsync(api, @namespace, name, desired, cancellationToken).ConfigureAwait(false);
            _stored[key] = Stored.Of(response);
            return ReportWriteOutcome.Written;
        }
        catch (Exception e) when (ApiErrors.IsAlreadyExists(e) || ApiErrors.IsNotFound(e))
        {
            // Created by someone meanwhile (409), or a stale resourceVersion (409), or deleted meanwhile (404): read
            // again on the retry, which decides ownership afresh.
            _stored.TryRemove(key, out _);
            throw;
        }
    }

    // The fields the operator manages, in the shape both APIs store: its label, its annotation, the results, the
    // summary and (openreports) the report-level source and the declared result limit.
    private static JsonObject Body(ReportApi api, ReportContent content)
    {
        var annotations = new JsonObject();
        if (content.Omitted > 0)
        {
            annotations[OmittedAnnotation] = content.Omitted.ToString(CultureInfo.InvariantCulture);
        }

        var body = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["labels"] = new JsonObject { [ApiGroup.ManagedByLabel] = ApiGroup.ManagedByValue },
                ["annotations"] = annotations,
            },
            ["results"] = JsonNode.Parse(KubernetesJson.Serialize(content.Results)),
            ["summary"] = JsonNode.Parse(KubernetesJson.Serialize(content.Summary)),
        };
        if (api.HasReportSource)
        {
            body["source"] = ModelReportResults.Source;
        }

        return body;
    }

    private async Task<JsonObject> CreateAsync(ReportApi api, string? @namespace, string name, JsonObject desired, CancellationToken cancellationToken)
    {
        var body = (JsonObject)desired.DeepClone();
        body["apiVersion"] = api.GroupVersion;
        body["kind"] = api.KindFor(@namespace is null);
        var metadata = body["metadata"]!.AsObject();
        metadata["name"] = name;
        if (metadata["annotations"] is JsonObject { Count: 0 })
        {
            metadata.Remove("annotations");
        }

        var document = JsonDocument.Parse(body.ToJsonString());
        var created = @namespace is null
            ? await client.CustomObjects.CreateClusterCustomObjectAsync(document, api.Group, api.Version, api.ClusterPlural,
                fieldManager: ApiGroup.FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await client.CustomObjects.CreateNamespacedCustomObjectAsync(document, api.Group, api.Version, @namespace, api.Plural,
                fieldManager: ApiGroup.FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Parse(created);
    }

    private async Task<JsonObject> PatchAsync(ReportApi api, string? @namespace, string name, Stored stored, JsonObject desired, CancellationToken cancellationToken)
    {
        var patch = MergePatchDiff.Between(stored.Projection, desired);
        patch["metadata"] ??= new JsonObject();
        patch["metadata"]!["resourceVersion"] = stored.ResourceVersion;
        var body = new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch);
        var patched = @namespace is null
            ? await client.CustomObjects.PatchClusterCustomObjectAsync(body, api.Group, api.Version, api.ClusterPlural, name,
                fieldManager: ApiGroup.FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await client.CustomObjects.PatchNamespacedCustomObjectAsync(body, api.Group, api.Version, @namespace, api.Plural, name,
                fieldManager: ApiGroup.FieldManager, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Parse(patched);
    }

    private async Task<ReportWriteOutcome> DeleteAsync((ReportApi Api, string? Namespace, string Name) key, Stored stored, CancellationToken cancellationToken)
    {
        var (api, @namespace, name) = key;
        var options = new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = stored.Uid, ResourceVersion = stored.ResourceVersion } };
        try
        {
            _ = @namespace is null
                ? await client.CustomObjects.DeleteClusterCustomObjectAsync(api.Group, api.Version, api.ClusterPlural, name, body: options,
                    cancellationToken: cancellationToken).ConfigureAwait(false)
                : await client.CustomObjects.DeleteNamespacedCustomObjectAsync(api.Group, api.Version, @namespace, api.Plural, name, body: options,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
            // Already gone.
        }
        catch (Exception e) when (ApiErrors.IsAlreadyExists(e))
        {
            // The precondition failed: someone changed or replaced it; read it again on the retry.
            _stored.TryRemove(key, out _);
            throw;
        }

        _stored[key] = Stored.Absent;
        return ReportWriteOutcome.Deleted;
    }

    private async Task<Stored> ReadAsync(ReportApi api, string? @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            var read = @namespace is null
                ? await client.CustomObjects.GetClusterCustomObjectAsync(api.Group, api.Version, api.ClusterPlural, name, cancellationToken).ConfigureAwait(false)
                : await client.CustomObjects.GetNamespacedCustomObjectAsync(api.Group, api.Version, @namespace, api.Plural, name, cancellationToken).ConfigureAwait(false);
            return Stored.Of(Parse(read));
        }
        catch (Exception e) when (ApiErrors.IsNotFound(e))
        {
            return Stored.Absent;
        }
    }

    private static JsonObject Parse(object response) =>
        JsonNode.Parse(response is JsonElement element ? element.GetRawText() : KubernetesJson.Serialize(response)) as JsonObject
        ?? throw new InvalidOperationException("the API server returned a report that is not a JSON object");

    // What the writer knows of a stored report: identity for preconditions, and the projection of the fields it manages.
    private sealed record Stored(bool Exists, bool Foreign, string? Uid, string? ResourceVersion, JsonObject? Projection)
    {
        public static Stored Absent { get; } = new(false, false, null, null, null);

        public static Stored Of(JsonObject report)
        {
            var metadata = report["metadata"] as JsonObject ?? [];
            var uid = metadata["uid"]?.GetValue<string>();
            var resourceVersion = metadata["resourceVersion"]?.GetValue<string>();
            var labels = metadata["labels"] as JsonObject;
            var owned = labels?[ApiGroup.ManagedByLabel] is JsonValue value && value.TryGetValue<string>(out var by) && by == ApiGroup.ManagedByValue;
            if (!owned)
            {
                return new Stored(true, true, uid, resourceVersion, null);
            }

            var annotations = new JsonObject();
            if (metadata["annotations"]?[OmittedAnnotation] is { } omitted)
            {
                annotations[OmittedAnnotation] = omitted.DeepClone();
            }

            var projection = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["labels"] = new JsonObject { [ApiGroup.ManagedByLabel] = ApiGroup.ManagedByValue },
                    ["annotations"] = annotations,
                },
                ["results"] = report["results"]?.DeepClone(),
                ["summary"] = report["summary"]?.DeepClone(),
            };
            if (report["source"] is { } source)
            {
                projection["source"] = source.DeepClone();
            }

            return new Stored(true, false, uid, resourceVersion, projection);
        }
    }
}
