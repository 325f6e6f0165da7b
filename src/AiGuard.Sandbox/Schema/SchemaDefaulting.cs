using System.Text.Json.Nodes;

namespace AiGuard.Sandbox.Schema;

/// <summary>
/// Structural-schema defaulting and pruning as the API server does them for custom resources: nulls in
/// non-nullable fields are dropped before defaults are applied; defaults fill missing properties of objects that
/// exist (a default never creates its parent); pruning drops properties the schema does not know.
/// </summary>
internal static class SchemaDefaulting
{
    public static void ApplyDefaults(JsonNode? value, SchemaNode schema)
    {
        switch (value)
        {
            case JsonObject obj:
                foreach (var (name, property) in schema.Properties)
                {
                    if (obj.TryGetPropertyValue(name, out var existing) && existing is null && !property.Nullable)
                    {
                        obj.Remove(name);
                    }

                    if (!obj.ContainsKey(name) && property.Default is not null)
                    {
                        obj[name] = property.Default.DeepClone();
                    }
                }

                foreach (var (name, child) in obj.ToList())
                {
                    if (schema.PropertySchema(name) is { } childSchema)
                    {
                        ApplyDefaults(child, childSchema);
                    }
                }

                break;
            case JsonArray array when schema.Items is not null:
                foreach (var item in array)
                {
                    ApplyDefaults(item, schema.Items);
                }

                break;
        }
    }

    public static void Prune(JsonNode? value, SchemaNode schema, bool isResourceRoot)
    {
        switch (value)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (isResourceRoot && name is "apiVersion" or "kind" or "metadata")
                    {
                        continue; // the type and ObjectMeta are the server's, not the schema's
                    }

                    if (schema.PropertySchema(name) is { } childSchema)
                    {
                        Prune(child, childSchema, childSchema.EmbeddedResource);
                    }
                    else if (!schema.KeepsUnknownFields)
                    {
                        obj.Remove(name);
                    }
                }

                break;
            case JsonArray array when schema.Items is not null:
                foreach (var item in array)
                {
                    Prune(item, schema.Items, schema.Items.EmbeddedResource);
                }

                break;
        }
    }
}
