using System.Text.Json.Nodes;
using AiGuard.Sandbox.Serialization;

namespace AiGuard.Sandbox.Resources.Strategies;

/// <summary>Services: DNS-label names, ClusterIP type, an allocated cluster IP that never changes, port defaults.</summary>
internal sealed class ServiceStrategy : ResourceStrategy
{
    private int nextAddress;

    public override NameRule NameRule => NameRule.Label;

    public override void PrepareForCreate(JsonObject obj)
    {
        var spec = obj.GetOrAddObject("spec");
        spec["type"] ??= "ClusterIP";
        spec["sessionAffinity"] ??= "None";
        if (spec.GetString("clusterIP") is null && spec.GetString("type") != "ExternalName")
        {
            var n = Interlocked.Increment(ref nextAddress);
            var ip = $"10.96.{(n / 250) % 250}.{(n % 250) + 1}";
            spec["clusterIP"] = ip;
            spec["clusterIPs"] = new JsonArray(ip);
        }

        DefaultPorts(spec);
        obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        var spec = obj.GetOrAddObject("spec");
        var oldSpec = old.GetObject("spec");
        spec["type"] ??= oldSpec?["type"]?.DeepClone() ?? "ClusterIP";
        spec["sessionAffinity"] ??= "None";
        if (spec["clusterIP"] is null && oldSpec?["clusterIP"] is { } ip)
        {
            spec["clusterIP"] = ip.DeepClone();
            spec["clusterIPs"] = oldSpec["clusterIPs"]?.DeepClone();
        }

        DefaultPorts(spec);
    }

    private static void DefaultPorts(JsonObject spec)
    {
        foreach (var port in spec.GetArray("ports")?.OfType<JsonObject>() ?? [])
        {
            port["protocol"] ??= "TCP";
            port["targetPort"] ??= port["port"]?.DeepClone();
        }
    }
}
