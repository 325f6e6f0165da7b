using System.Text.Json;
using System.Text.Json.Nodes;
using AiGuard.Api;
using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Cli.Audit.Schema;
using AiGuard.Cli.Audit.Yaml;
using AiGuard.Engine;
using AiGuard.Engine.Validation;
using AiGuard.Engine.Waivers;
using AiGuard.Schema;
using k8s;
using k8s.Models;

namespace AiGuard.Cli.Audit;

/// <summary>
/// DocumentPreparer checks one YAML document on its own, as the API server would check it, and converts what it
/// would accept into the API types (<c>kind: List</c> expanded, nested too). It touches no state shared between
/// documents: whatever depends on other documents (duplicate names, policies, evaluation) is left to
/// <see cref="ManifestLoader"/>, which applies the outcomes in input order. A document that claims one of our kinds
/// but could not be applied as one (a missing or foreign apiVersion, a kind in the wrong case) is an error rather
/// than skipped: otherwise it would pass unaudited.
/// </summary>
public static class DocumentPreparer
{
    private static readonly string[] OurKinds = [ModelDeployment.KubeKind, GuardPolicy.KubeKind, GuardException.KubeKind];

    /// <summary>The outcomes of <paramref name="document"/> read from <paramref name="file"/>; null for an empty document.</summary>
    public static PreparedDocument? Prepare(string file, YamlDocument document)
    {
        if (document.Root is null)
        {
            return null;
        }
        var items = new List<PreparedItem>(1);
        try
        {
            var (json, map) = JsonProjection.Convert(document.Root);
            PrepareObject(file, json, map, items);
        }
        catch (YamlSyntaxException e)
        {
            items.Add(new PreparedItem(new ManifestError(file, e.Position, e.Message), null, null, null));
        }
        return new PreparedDocument(document.Start, items);
    }

    private static void PrepareObject(string file, JsonNode? json, SourceMap map, List<PreparedItem> items)
    {
        var origin = new ManifestOrigin(file, map.Position, map);
        if (json is not JsonObject obj)
        {
            Skip(items, new SkippedDocument(origin.Source, json is JsonArray ? "(a list, not an object)" : "(a value, not an object)"));
            return;
        }
        var apiVersion = StringField(obj, "apiVersion");
        var kind = StringField(obj, "kind");
        // kubectl prints "kind: List"; the API returns typed lists such as ModelDeploymentList. kubectl applies the
        // items of either, so they are audited, and a List inside a List too (the YAML depth limit bounds recursion).
        if (kind?.EndsWith("List", StringComparison.Ordinal) == true && obj["items"] is JsonArray list
            && map.Properties?.GetValueOrDefault("items")?.Items is { } itemMaps && itemMaps.Count == list.Count)
        {
            for (var i = 0; i < list.Count; i++)
            {
                PrepareObject(file, list[i]?.DeepClone(), itemMaps[i], items);
            }
            return;
        }
        if (kind == "List" && obj["items"] is not null)
        {
            Fail(items, origin.ErrorAt(FieldPath.Root.Property("items"), "a List needs items: a list of objects"));
            return;
        }
        var group = apiVersion?.Contains('/', StringComparison.Ordinal) == true ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
        // Kinds are case-sensitive to the API server (kubectl finds no "modeldeployment"), but a near miss of ours is
        // an error, not a skip: whoever wrote it meant an AiGuard object, and a typo must not pass the gate.
        var ourKind = OurKinds.FirstOrDefault(k => string.Equals(k, kind?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (string.Equals(group, ApiGroup.Group, StringComparison.OrdinalIgnoreCase) || ourKind is not null)
        {
            if (apiVersion != ApiGroup.GroupVersion)
            {
                Fail(items, origin.ErrorAt(FieldPath.Root.Property("apiVersion"), WrongApiVersion(apiVersion, ourKind)));
                return;
            }
            switch (kind)
            {
                case ModelDeployment.KubeKind:
                    if (Typed<ModelDeployment>(obj, origin, items, CrdSchemas.For(kind), ModelDeploymentValidator.Validate) is { } model)
                    {
                        model.Metadata.NamespaceProperty ??= "default";
                        Keep(items, model, origin);
                    }
                    return;
                case GuardPolicy.KubeKind:
                    if (Typed<GuardPolicy>(obj, origin, items, CrdSchemas.For(kind)) is { } policy)
                    {
                        // Cluster-scoped: a namespace in the manifest is ignored, as the API server ignores it.
                        policy.Metadata.NamespaceProperty = null;
                        Keep(items, policy, origin);
                    }
                    return;
                case GuardException.KubeKind:
                    if (Typed<GuardException>(obj, origin, items, CrdSchemas.For(kind), ExceptionValidator.Validate) is { } exception)
                    {
                        exception.Metadata.NamespaceProperty ??= "default";
                        Keep(items, exception, origin);
                    }
                    return;
                default:
                    Fail(items, origin.ErrorAt(FieldPath.Root.Property("kind"), ourKind is null
                        ? $"unknown kind {kind ?? "(none)"} in {ApiGroup.GroupVersion}; expected ModelDeployment, GuardPolicy or GuardException"
                        : $"unknown kind {kind}: kinds are case-sensitive (kubectl rejects it too); write {ourKind}"));
                    return;
            }
        }
        if (apiVersion == "v1" && kind == "Namespace")
        {
            if (Typed<V1Namespace>(obj, origin, items) is { } ns)
            {
                Keep(items, ns, origin);
            }
            return;
        }
        Skip(items, new SkippedDocument(origin.Source, kind ?? "(no kind)"));
    }

    private static void Fail(List<PreparedItem> items, ManifestError error) => items.Add(new PreparedItem(error, null, null, null));

    private static void Skip(List<PreparedItem> items, SkippedDocument skipped) => items.Add(new PreparedItem(null, skipped, null, null));

    private static void Keep(List<PreparedItem> items, IKubernetesObject<V1ObjectMeta> obj, ManifestOrigin origin) =>
        items.Add(new PreparedItem(null, null, obj, origin));

    /// <summary>Why <paramref name="apiVersion"/> is refused for a document of our group or of one of our kinds.</summary>
    private static string WrongApiVersion(string? apiVersion, string? ourKind)
    {
        var kind = ourKind ?? "an AiGuard object";
        if (string.IsNullOrEmpty(apiVersion))
        {
            return $"required field is missing; {kind} needs apiVersion: {ApiGroup.GroupVersion}";
        }
        return apiVersion.StartsWith(ApiGroup.Group + "/", StringComparison.Ordinal)
            ? $"unsupported version {apiVersion}; this aiguard reads {ApiGroup.GroupVersion}"
            : $"{apiVersion} is not {ApiGroup.GroupVersion}; {kind} is AiGuard's kind: write apiVersion: {ApiGroup.GroupVersion}";
    }

    /// <summary>
    /// Checks <paramref name="obj"/> as the API server would and converts it; null after adding errors. With the
    /// kind's CRD <paramref name="schema"/>: unknown fields (refused under kubectl's default strict field validation),
    /// then the CRD's defaults, then the structural schema with its CEL rules, in the server's words. Only an object
    /// the server would accept reaches <paramref name="semantic"/>, the engine's validator for the kind.
    /// </summary>
    private static T? Typed<T>(JsonObject obj, ManifestOrigin origin, List<PreparedItem> items, StructuralSchema? schema = null,
        Func<T, IReadOnlyList<SpecError>>? semantic = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var before = items.Count;
        if (obj["metadata"] is null or JsonObject && obj["metadata"]?["name"] is null)
        {
            Fail(items, origin.ErrorAt(FieldPath.Root.Property("metadata").Property("name"), "Required value: name is required"));
        }
        if (schema is not null)
        {
            foreach (var unknown in schema.UnknownFields(obj))
            {
                Fail(items, origin.UnknownFieldAt(unknown, FieldSuggestion.For(unknown.Name, unknown.DeclaredNames)));
            }
            schema.ApplyDefaults(obj);
            foreach (var error in schema.Validate(obj))
            {
                Fail(items, origin.SchemaErrorAt(error));
            }
        }
        if (items.Count > before)
        {
            return null;
        }
        T typed;
        try
        {
            typed = KubernetesJson.Deserialize<T>(obj);
        }
        catch (JsonException e)
        {
            // The schema check should have caught it; if not, the serializer's path still finds the line.
            Fail(items, origin.ErrorAt(FieldPath.Parse(e.Path), "invalid value"));
            return null;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            Fail(items, origin.ErrorAt(FieldPath.Root, $"invalid {typeof(T).Name}: {e.Message}"));
            return null;
        }
        var specErrors = semantic?.Invoke(typed) ?? [];
        foreach (var error in specErrors)
        {
            Fail(items, origin.RuleErrorAt(FieldPath.Parse(error.Field), error.Message));
        }
        return specErrors.Count == 0 ? typed : null;
    }

    private static string? StringField(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
