using System.Text.Json.Nodes;
using AiGuard.Sandbox.Serialization;

namespace AiGuard.Sandbox.Resources;

/// <summary>The Table columns real servers print for the built-in kinds (NAME and AGE are added by the converter).</summary>
internal static class BuiltInColumns
{
    public static readonly IReadOnlyList<PrinterColumn> Namespace =
    [
        new("Status", "string", ".status.phase", "The phase of the namespace."),
    ];

    public static readonly IReadOnlyList<PrinterColumn> ConfigMap =
    [
        new("Data", "integer", "", "Number of data entries.") { Compute = o => (o.GetObject("data")?.Count ?? 0) + (o.GetObject("binaryData")?.Count ?? 0) },
    ];

    public static readonly IReadOnlyList<PrinterColumn> Secret =
    [
        new("Type", "string", ".type", "The type of the secret."),
        new("Data", "integer", "", "Number of data entries.") { Compute = o => Count(o, "data") },
    ];

    public static readonly IReadOnlyList<PrinterColumn> Pod =
    [
        new("Ready", "string", "", "Ready containers / all containers.") { Compute = PodReady },
        new("Status", "string", ".status.phase", "The phase of the pod."),
        new("Restarts", "string", "", "Container restarts.") { Compute = _ => "0" },
    ];

    public static readonly IReadOnlyList<PrinterColumn> Deployment =
    [
        new("Ready", "string", "", "Ready replicas / desired replicas.") { Compute = o => $"{o.Select(".status.readyReplicas") ?? 0}/{o.Select(".spec.replicas") ?? 1}" },
        new("Up-to-date", "integer", ".status.updatedReplicas", "Replicas updated to the latest template.") { Compute = o => o.Select(".status.updatedReplicas")?.DeepClone() ?? 0 },
        new("Available", "integer", ".status.availableReplicas", "Available replicas.") { Compute = o => o.Select(".status.availableReplicas")?.DeepClone() ?? 0 },
    ];

    public static readonly IReadOnlyList<PrinterColumn> Service =
    [
        new("Type", "string", ".spec.type", "The service type."),
        new("Cluster-IP", "string", ".spec.clusterIP", "The cluster IP."),
        new("External-IP", "string", "", "External IPs.") { Compute = _ => "<none>" },
        new("Port(s)", "string", "", "Ports.") { Compute = ServicePorts },
    ];

    public static readonly IReadOnlyList<PrinterColumn> Lease =
    [
        new("Holder", "string", ".spec.holderIdentity", "The current holder."),
    ];

    public static readonly IReadOnlyList<PrinterColumn> CustomResourceDefinition =
    [
        new("Created At", "string", ".metadata.creationTimestamp", "Creation time."),
    ];

    public static readonly IReadOnlyList<PrinterColumn> PodDisruptionBudget =
    [
        new("Min Available", "string", "", "The minimum number of pods that must be available.") { Compute = o => o.Select(".spec.minAvailable")?.ToString() ?? "N/A" },
        new("Max Unavailable", "string", "", "The maximum number of pods that may be unavailable.") { Compute = o => o.Select(".spec.maxUnavailable")?.ToString() ?? "N/A" },
        new("Allowed Disruptions", "integer", "", "Disruptions allowed now.") { Compute = o => o.Select(".status.disruptionsAllowed")?.DeepClone() ?? 0 },
    ];

    public static readonly IReadOnlyList<PrinterColumn> Event =
    [
        new("Type", "string", ".type", "Normal or Warning."),
        new("Reason", "string", ".reason", "Why the event was emitted."),
        new("Message", "string", ".message", "What happened.") { Compute = o => o["message"]?.DeepClone() ?? o["note"]?.DeepClone() },
    ];

    private static JsonNode Count(JsonObject obj, string property) => obj.GetObject(property)?.Count ?? 0;

    private static JsonNode PodReady(JsonObject pod)
    {
        var containers = pod.Select(".spec.containers") as JsonArray;
        var statuses = pod.Select(".status.containerStatuses") as JsonArray;
        var ready = statuses?.OfType<JsonObject>().Count(s => s["ready"]?.GetValue<bool>() == true) ?? 0;
        return $"{ready}/{containers?.Count ?? 0}";
    }

    private static JsonNode ServicePorts(JsonObject service)
    {
        var ports = (service.Select(".spec.ports") as JsonArray)?.OfType<JsonObject>()
            .Select(p => $"{p["port"]}/{p.GetString("protocol") ?? "TCP"}")
            .ToList();
        return ports is { Count: > 0 } ? string.Join(",", ports) : "<none>";
    }
}
