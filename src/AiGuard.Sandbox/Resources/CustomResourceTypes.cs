using System.Text.Json.Nodes;
using AiGuard.Sandbox.Serialization;

namespace AiGuard.Sandbox.Resources;

/// <summary>Builds the served <see cref="ResourceType"/>s of a CustomResourceDefinition, one per served version.</summary>
internal static class CustomResourceTypes
{
    public static IReadOnlyList<ResourceType> FromDefinition(JsonObject crd)
    {
        var spec = crd.GetObject("spec")!;
        var names = spec.GetObject("names")!;
        var result = new List<ResourceType>();
        foreach (var version in spec.GetArray("versions")?.OfType<JsonObject>() ?? [])
        {
            if (version["served"] is not JsonValue served || !served.TryGetValue<bool>(out var isServed) || !isServed)
            {
                continue;
            }

            var subresources = version.GetObject("subresources");
            var scale = subresources.GetObject("scale");
            var schema = version.GetObject("schema").GetObject("openAPIV3Schema");
            result.Add(new ResourceType
            {
                Group = spec.GetString("group")!,
                Version = version.GetString("name")!,
                Plural = names.GetString("plural")!,
                Kind = names.GetString("kind")!,
                Singular = names.GetString("singular") ?? "",
                Namespaced = spec.GetString("scope") == "Namespaced",
                ShortNames = Strings(names.GetArray("shortNames")),
                Categories = Strings(names.GetArray("categories")),
                HasStatus = subresources?.ContainsKey("status") == true,
                Scale = scale is null
                    ? null
                    : new ScaleSubresource(scale.GetString("specReplicasPath") ?? ".spec.replicas", scale.GetString("statusReplicasPath") ?? ".status.replicas", scale.GetString("labelSelectorPath")),
                PrinterColumns = Columns(version.GetArray("additionalPrinterColumns")),
                Schema = schema is null ? null : CustomResourceSchema.Compile(schema),
                IsCustom = true,
                ReturnsDeletedObject = true,
            });
        }

        return result;
    }

    private static List<string> Strings(JsonArray? array) =>
        array?.Select(v => v?.ToString() ?? "").Where(v => v.Length > 0).ToList() ?? [];

    // Without additionalPrinterColumns a real server prints AGE from creationTimestamp.
    private static List<PrinterColumn> Columns(JsonArray? columns)
    {
        if (columns is null)
        {
            return [new PrinterColumn("Age", "date", ".metadata.creationTimestamp")];
        }

        return columns.OfType<JsonObject>()
            .Select(c => new PrinterColumn(
                c.GetString("name") ?? "",
                c.GetString("type") ?? "string",
                c.GetString("jsonPath") ?? "",
                c.GetString("description") ?? "",
                (int)(c.GetInt64("priority") ?? 0),
                c.GetString("format") ?? ""))
            .ToList();
    }
}
