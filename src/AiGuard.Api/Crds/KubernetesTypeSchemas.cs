using System.Diagnostics.CodeAnalysis;
using AiGuard.Api.Quantities;
using k8s.Models;

namespace AiGuard.Api.Crds;

/// <summary>
/// KubernetesTypeSchemas holds the schemas of the KubernetesClient model types the API embeds. They follow the
/// upstream OpenAPI definitions (what controller-gen emits for the same Go types), so the API server validates
/// and merges them exactly like the built-in fields they mirror. Each call returns a fresh tree because callers
/// set descriptions on it.
/// </summary>
internal static class KubernetesTypeSchemas
{
    public static bool TryGet(Type type, [NotNullWhen(true)] out V1JSONSchemaProps? schema)
    {
        schema = type switch
        {
            _ when type == typeof(V1LabelSelector) => LabelSelector(),
            _ when type == typeof(V1PolicyRule) => PolicyRule(),
            _ when type == typeof(V1Condition) => Condition(),
            _ when type == typeof(ResourceQuantity) => Quantity(),
            _ when type.Namespace == "k8s.Models" => throw new NotSupportedException(
                $"{type.Name} has no CRD schema mapping; add its upstream schema to {nameof(KubernetesTypeSchemas)}."),
            _ => null,
        };
        return schema is not null;
    }

    /// <summary>
    /// Sets the list semantics upstream uses for lists of a known type: conditions are a map keyed by type, so
    /// server-side apply merges them per condition and the API server rejects duplicate types.
    /// </summary>
    public static void ApplyListSemantics(Type element, V1JSONSchemaProps array)
    {
        if (element == typeof(V1Condition))
        {
            array.XKubernetesListType = "map";
            array.XKubernetesListMapKeys = ["type"];
        }
    }

    private static V1JSONSchemaProps Quantity() => new()
    {
        AnyOf = [new V1JSONSchemaProps { Type = "integer" }, new V1JSONSchemaProps { Type = "string" }],
        // Upstream's grammar with the written exponent cut to two digits and a length cap: upstream admits
        // 1e999999999, which KubernetesClient cannot read in bounded time (BoundedQuantity says why).
        Pattern = BoundedQuantity.Pattern,
        MaxLength = BoundedQuantity.MaxLength,
        XKubernetesIntOrString = true,
    };

    private static V1JSONSchemaProps StringList(string description) => new()
    {
        Type = "array",
        Description = description,
        Items = new V1JSONSchemaProps { Type = "string" },
        XKubernetesListType = "atomic",
    };

    private static V1JSONSchemaProps LabelSelector() => new()
    {
        Type = "object",
        Description = "A label selector: matchLabels and matchExpressions are ANDed; an empty selector matches everything.",
        Properties = new Dictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal)
        {
            ["matchExpressions"] = new()
            {
                Type = "array",
                Description = "A list of label selector requirements. The requirements are ANDed.",
                Items = new V1JSONSchemaProps
                {
                    Type = "object",
                    Description = "A selector that contains values, a key, and an operator that relates the key and values.",
                    Properties = new Dictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal)
                    {
                        ["key"] = new() { Type = "string", Description = "The label key that the selector applies to." },
                        ["operator"] = new()
                        {
                            Type = "string",
                            Description = "The key's relationship to a set of values: In, NotIn, Exists or DoesNotExist.",
                            EnumProperty = ["In", "NotIn", "Exists", "DoesNotExist"],
                        },
                        ["values"] = StringList(
                            "Values for In and NotIn (non-empty); Exists and DoesNotExist take none."),
                    },
                    Required = ["key", "operator"],
                },
                XKubernetesListType = "atomic",
            },
            ["matchLabels"] = new()
            {
                Type = "object",
                Description = "Label key/value pairs; each is equivalent to a matchExpressions entry with operator In.",
                AdditionalProperties = new V1JSONSchemaProps { Type = "string" },
            },
        },
        XKubernetesMapType = "atomic",
    };

    private static V1JSONSchemaProps PolicyRule() => new()
    {
        Type = "object",
        Description = "An RBAC PolicyRule: verbs allowed on resources of apiGroups.",
        Properties = new Dictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal)
        {
            ["apiGroups"] = StringList("API groups of the resources; \"\" is the core group."),
            ["nonResourceURLs"] = StringList("Partial URLs a user may access; only meaningful in a ClusterRole."),
            ["resourceNames"] = StringList("An optional allowlist of object names the rule applies to."),
            ["resources"] = StringList("Resources the rule applies to, e.g. configmaps or leases."),
            ["verbs"] = StringList("Verbs the rule allows, e.g. get, list, watch."),
        },
        Required = ["verbs"],
    };

    private static V1JSONSchemaProps Condition() => new()
    {
        Type = "object",
        Description = "A Kubernetes condition (metav1.Condition).",
        Properties = new Dictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal)
        {
            ["lastTransitionTime"] = new()
            {
                Type = "string",
                Format = "date-time",
                Description = "When the condition last changed status.",
            },
            ["message"] = new()
            {
                Type = "string",
                MaxLength = 32768,
                Description = "A human readable message with details about the transition.",
            },
            ["observedGeneration"] = new()
            {
                Type = "integer",
                Format = "int64",
                Minimum = 0,
                Description = "The generation the condition was set for.",
            },
            ["reason"] = new()
            {
                Type = "string",
                MinLength = 1,
                MaxLength = 1024,
                Pattern = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$",
                Description = "A programmatic CamelCase identifier of the last transition.",
            },
            ["status"] = new()
            {
                Type = "string",
                EnumProperty = ["True", "False", "Unknown"],
                Description = "True, False or Unknown.",
            },
            ["type"] = new()
            {
                Type = "string",
                MaxLength = 316,
                Pattern = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$",
                Description = "Condition type in CamelCase, e.g. Ready.",
            },
        },
        Required = ["lastTransitionTime", "message", "reason", "status", "type"],
    };
}
