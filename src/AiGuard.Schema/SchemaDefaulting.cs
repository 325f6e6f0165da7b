using System.Text.Json.Nodes;

namespace AiGuard.Schema;

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
                // A null under a non-nullable schema, a declared property's or a map value's, is dropped (or given the
                // default), as the API server's PruneNonNullableNullsWithoutDefaults and Default do: a rule then
                // sees the field as absent, and {"app": null} in a label map is no type error.
                foreach (var (name, existing) in obj.ToList())
                {
                    if (existing is null && schema.PropertySchema(name) is { Nullable: false } nullSchema)
                    {
                        if (!schema.Properties.ContainsKey(name) && nullSchema.Default is { } valueDefault)
                        {
                            obj[name] = valueDefault.DeepClone();
                        }
                        else
                        {
                            obj.Remove(name); // a declared property with a default gets it just below
                        }
                    }
                }

                foreach (var (name, property) in schema.Properties)
                {
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
                for (var i = 0; i < array.Count; i++)
                {
                    // A null item stays (and fails validation) unless the item schema has a default to put there.
                    if (array[i] is null && !schema.Items.Nullable && schema.Items.Default is { } itemDefault)
                    {
                        array[i] = itemDefault.DeepClone();
                    }

                    ApplyDefaults(array[i], schema.Items);
                }

                break;
        }
    }

    public static void Prune(JsonNode? value, SchemaNode schema, bool isResourceRoot) =>
        VisitUnknown(value, schema, isResourceRoot, string.Empty, static (obj, name, _, _) => obj.Remove(name));

    /// <summary>The fields <see cref="Prune"/> would drop (<c>spec.surprise</c>, <c>spec.secrets[0].x</c>), in document order.</summary>
    public static List<UnknownField> UnknownFields(JsonNode? value, SchemaNode schema)
    {
        var unknown = new List<UnknownField>();
        VisitUnknown(value, schema, isResourceRoot: true, string.Empty, (_, name, path, declared) => unknown.Add(new UnknownField(path, name, declared.Properties.Keys)));
        return unknown;
    }

    /// <summary>Calls <paramref name="onUnknown"/> with the object, name, path and schema of every property the schema does not declare.</summary>
    private static void VisitUnknown(JsonNode? value, SchemaNode schema, bool isResourceRoot, string path, Action<JsonObject, string, string, SchemaNode> onUnknown)
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
                        VisitUnknown(child, childSchema, childSchema.EmbeddedResource, SchemaNode.Join(path, name), onUnknown);
                    }
                    else if (!schema.KeepsUnknownFields)
                    {
                        onUnknown(obj, name, SchemaNode.Join(path, name), schema);
                    }
                }

                break;
            case JsonArray array when schema.Items is not null:
                for (var i = 0; i < array.Count; i++)
                {
                    VisitUnknown(array[i], schema.Items, schema.Items.EmbeddedResource, $"{path}[{i}]", onUnknown);
                }

                break;
        }
    }
}
