using System.Text.Json.Nodes;

namespace AiGuard.Sandbox.Resources;

/// <summary>
/// One served resource (group, version, plural) with everything discovery, tables, OpenAPI and the
/// write path need to know about it. Built-in types and custom resources share this shape.
/// </summary>
internal sealed record ResourceType
{
    public required string Group { get; init; }
    public required string Version { get; init; }
    public required string Plural { get; init; }
    public required string Kind { get; init; }
    public required bool Namespaced { get; init; }
    public string Singular { get; init; } = "";
    public string ListKind => Kind + "List";
    public IReadOnlyList<string> ShortNames { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public bool HasStatus { get; init; }
    public ScaleSubresource? Scale { get; init; }
    public IReadOnlyList<PrinterColumn> PrinterColumns { get; init; } = [];

    /// <summary>The strategy that defaults, validates and reacts to writes of this kind.</summary>
    public ResourceStrategy Strategy { get; init; } = ResourceStrategy.Default;

    /// <summary>Set for custom resources: the compiled openAPIV3Schema of this version, if any.</summary>
    public CustomResourceSchema? Schema { get; init; }

    /// <summary>True for kinds whose write bodies may arrive as protobuf (kubectl generators, helm).</summary>
    public bool AcceptsProtobuf { get; init; }

    /// <summary>Real servers return the deleted object (not a Status) for these kinds on an immediate delete.</summary>
    public bool ReturnsDeletedObject { get; init; }

    public bool IsCustom { get; init; }

    /// <summary>
    /// The verbs discovery advertises. Most kinds serve all of <see cref="Verbs"/>; virtual kinds such as the
    /// access reviews only accept <c>create</c> and have no stored objects.
    /// </summary>
    public IReadOnlyList<string> ServedVerbs { get; init; } = Verbs;

    /// <summary>
    /// The group whose store keeps these objects: its own unless another API serves the same objects (events.k8s.io
    /// Events live in the core Event store, as in kube-apiserver). Objects then pass through <see cref="Conversion"/>.
    /// </summary>
    public string StorageGroup
    {
        get => storageGroup ?? Group;
        init => storageGroup = value;
    }

    /// <summary>Converts between this version and the stored form; null when this version is the stored form.</summary>
    public StorageConversion? Conversion { get; init; }

    /// <summary>Fields a field selector may name beyond metadata.name/namespace, each mapped to the stored field it selects on.</summary>
    public IReadOnlyDictionary<string, string>? FieldLabels { get; init; }

    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    /// <summary>Storage identity: all versions of one group/resource share one store.</summary>
    public string StorageKey => StorageGroup + "/" + Plural;

    /// <summary>The object as this version shows it: converted when the store keeps another form, else with this apiVersion.</summary>
    public JsonObject FromStorage(JsonObject stored)
    {
        if (Conversion is not null)
        {
            return Conversion.FromStorage(stored);
        }

        stored["apiVersion"] = ApiVersion;
        return stored;
    }

    /// <summary>The form the store keeps of an object written through this version.</summary>
    public JsonObject ToStorage(JsonObject served) => Conversion?.ToStorage(served) ?? served;

    private readonly string? storageGroup;

    /// <summary>The group-version path prefix: /api/v1 or /apis/group/version.</summary>
    public string GroupVersionPath => Group.Length == 0 ? "/api/" + Version : "/apis/" + Group + "/" + Version;

    public string EffectiveSingular => Singular.Length > 0 ? Singular : Kind.ToLowerInvariant();

    public static IReadOnlyList<string> Verbs { get; } =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
}

/// <summary>Where a resource keeps its replica counts for the /scale subresource.</summary>
internal sealed record ScaleSubresource(string SpecReplicasPath, string StatusReplicasPath, string? LabelSelectorPath);

/// <summary>A Table column: its definition and the JSONPath that fills it.</summary>
internal sealed record PrinterColumn(string Name, string Type, string JsonPath, string Description = "", int Priority = 0, string Format = "")
{
    /// <summary>For built-in columns that are computed (READY "1/1", DATA counts) rather than read by JSONPath.</summary>
    public Func<JsonObject, JsonNode?>? Compute { get; init; }

    public JsonObject ToDefinition() => new()
    {
        ["name"] = Name,
        ["type"] = Type,
        ["format"] = Format,
        ["description"] = Description,
        ["priority"] = Priority,
    };
}
