using System.Text.Json.Nodes;
using AiGuard.Sandbox.Serialization;

namespace AiGuard.Sandbox.Resources.Strategies;

/// <summary>Namespaces: DNS-label names, the metadata.name label, phase Active, the "kubernetes" finalizer in spec.</summary>
internal sealed class NamespaceStrategy : ResourceStrategy
{
    public override NameRule NameRule => NameRule.Label;

    public override void PrepareForCreate(JsonObject obj)
    {
        var meta = obj.GetOrAddObject("metadata");
        meta.GetOrAddObject("labels")["kubernetes.io/metadata.name"] = meta.GetString("name");
        obj.GetOrAddObject("spec")["finalizers"] = new JsonArray("kubernetes");
        obj["status"] = new JsonObject { ["phase"] = "Active" };
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old)
    {
        var meta = obj.GetOrAddObject("metadata");
        meta.GetOrAddObject("labels")["kubernetes.io/metadata.name"] = meta.GetString("name");
        obj["spec"] = old["spec"]?.DeepClone();
    }
}
