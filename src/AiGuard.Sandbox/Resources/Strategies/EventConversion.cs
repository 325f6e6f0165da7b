using System.Text.Json.Nodes;

namespace AiGuard.Sandbox.Resources.Strategies;

/// <summary>
/// events.k8s.io/v1 Event &lt;-&gt; core/v1 Event, the field mapping kube-apiserver applies when both APIs share
/// one store (pkg/apis/events/v1 conversion): regarding/involvedObject, note/message, deprecatedSource/source,
/// deprecatedFirstTimestamp/firstTimestamp, deprecatedLastTimestamp/lastTimestamp, deprecatedCount/count and
/// reportingController/reportingComponent; eventTime, series, action, reason, related, type, reportingInstance and
/// metadata keep their names. Events are stored in the core/v1 form.
/// </summary>
internal sealed class EventConversion : StorageConversion
{
    public static EventConversion Instance { get; } = new();

    // events.k8s.io/v1 name -> core/v1 name, for the fields whose names differ.
    private static readonly (string Events, string Core)[] Renamed =
    [
        ("regarding", "involvedObject"),
        ("note", "message"),
        ("deprecatedSource", "source"),
        ("deprecatedFirstTimestamp", "firstTimestamp"),
        ("deprecatedLastTimestamp", "lastTimestamp"),
        ("deprecatedCount", "count"),
        ("reportingController", "reportingComponent"),
    ];

    /// <summary>The selectable fields of events.k8s.io/v1 Events and the core/v1 fields they select on.</summary>
    public static IReadOnlyDictionary<string, string> EventsFieldLabels { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["reason"] = "reason",
        ["type"] = "type",
        ["reportingController"] = "reportingComponent",
        ["regarding.kind"] = "involvedObject.kind",
        ["regarding.namespace"] = "involvedObject.namespace",
        ["regarding.name"] = "involvedObject.name",
        ["regarding.uid"] = "involvedObject.uid",
        ["regarding.apiVersion"] = "involvedObject.apiVersion",
        ["regarding.resourceVersion"] = "involvedObject.resourceVersion",
        ["regarding.fieldPath"] = "involvedObject.fieldPath",
    };

    /// <summary>The selectable fields of core/v1 Events ("source" selects source.component, as on a real server).</summary>
    public static IReadOnlyDictionary<string, string> CoreFieldLabels { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["reason"] = "reason",
        ["type"] = "type",
        ["source"] = "source.component",
        ["reportingComponent"] = "reportingComponent",
        ["involvedObject.kind"] = "involvedObject.kind",
        ["involvedObject.namespace"] = "involvedObject.namespace",
        ["involvedObject.name"] = "involvedObject.name",
        ["involvedObject.uid"] = "involvedObject.uid",
        ["involvedObject.apiVersion"] = "involvedObject.apiVersion",
        ["involvedObject.resourceVersion"] = "involvedObject.resourceVersion",
        ["involvedObject.fieldPath"] = "involvedObject.fieldPath",
    };

    public override JsonObject FromStorage(JsonObject stored)
    {
        var result = Rename(stored, Renamed.Select(r => (r.Core, r.Events)));
        result["apiVersion"] = "events.k8s.io/v1";
        return result;
    }

    public override JsonObject ToStorage(JsonObject served)
    {
        var result = Rename(served, Renamed.Select(r => (r.Events, r.Core)));
        result["apiVersion"] = "v1";
        return result;
    }

    /// <summary>A copy with each field renamed; a field already present under the target name of another version is dropped, as a typed decode would.</summary>
    private static JsonObject Rename(JsonObject source, IEnumerable<(string From, string To)> renames)
    {
        var map = renames.ToDictionary(r => r.From, r => r.To, StringComparer.Ordinal);
        var targets = new HashSet<string>(map.Values, StringComparer.Ordinal);
        var result = new JsonObject();
        foreach (var (name, value) in source)
        {
            if (map.TryGetValue(name, out var renamed))
            {
                result[renamed] = value?.DeepClone();
            }
            else if (!targets.Contains(name))
            {
                result[name] = value?.DeepClone();
            }
        }

        return result;
    }
}
