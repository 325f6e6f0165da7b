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
/// ManifestLoader reads ModelDeployments, GuardPolicies, GuardExceptions and Namespaces from YAML or JSON
/// documents (multi-document streams and <c>kind: List</c> included, nested too) into the API types, checking them
/// as the API server would. Every error names <c>file:line:column</c> and the field; other kinds are skipped and
/// counted. A document that claims one of our kinds but could not be applied as one (a missing or foreign
/// apiVersion, a kind in the wrong case) is an error rather than skipped: otherwise it would pass unaudited.
/// </summary>
public sealed class ManifestLoader
{
    private static readonly string[] OurKinds = [ModelDeployment.KubeKind, GuardPolicy.KubeKind, GuardException.KubeKind];

    private readonly List<ManifestError> _errors = [];
    private readonly List<LoadedObject<ModelDeployment>> _models = [];
    private readonly List<LoadedObject<GuardPolicy>> _policies = [];
    private readonly List<LoadedObject<GuardException>> _exceptions = [];
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _namespaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ManifestOrigin> _identities = new(StringComparer.Ordinal);
    private readonly List<SkippedDocument> _skipped = [];
    private readonly List<IgnoredDocument> _ignored = [];

    private ManifestLoader()
    {
    }

    /// <summary>
    /// Loads <paramref name="inputs"/> and <paramref name="policyInputs"/> (whose ModelDeployments are not evaluated);
    /// throws <see cref="ManifestLoadException"/> with every error found, and nothing else. With policy inputs
    /// (<c>--policy</c>), GuardPolicies and GuardExceptions apply only from them: those of the other inputs are
    /// checked, listed in <see cref="ManifestSet.Ignored"/> and not applied. An input that is also a policy input (the
    /// same instance, as <see cref="ManifestInputReader"/> returns it) is both audited and trusted.
    /// </summary>
    public static ManifestSet Load(IReadOnlyList<ManifestInput> inputs, IReadOnlyList<ManifestInput>? policyInputs = null)
    {
        var loader = new ManifestLoader();
        var trusted = policyInputs is null ? null : new HashSet<ManifestInput>(policyInputs, ReferenceEqualityComparer.Instance);
        var audited = new HashSet<ManifestInput>(inputs, ReferenceEqualityComparer.Instance);
        foreach (var input in inputs)
        {
            loader.LoadInput(input, evaluateModels: true, policiesApply: trusted is null || trusted.Contains(input));
        }
        foreach (var input in (policyInputs ?? []).Where(i => !audited.Contains(i)))
        {
            loader.LoadInput(input, evaluateModels: false, policiesApply: true);
        }
        if (loader._errors.Count > 0)
        {
            throw new ManifestLoadException(loader._errors);
        }
        return new ManifestSet
        {
            ModelDeployments = loader._models,
            Policies = loader._policies,
            Exceptions = loader._exceptions,
            NamespaceLabels = loader._namespaces,
            Skipped = loader._skipped,
            Ignored = loader._ignored,
        };
    }

    private void LoadInput(ManifestInput input, bool evaluateModels, bool policiesApply)
    {
        try
        {
            // One document at a time: its node tree and JSON are garbage once it is loaded.
            YamlDocumentReader.Read(input.Text, document => LoadDocument(input, document, evaluateModels, policiesApply));
        }
        catch (YamlSyntaxException e)
        {
            _errors.Add(new ManifestError(input.DisplayPath, e.Position, e.Message));
        }
    }

    private void LoadDocument(ManifestInput input, YamlDocument document, bool evaluateModels, bool policiesApply)
    {
        if (document.Root is null)
        {
            return;
        }
        try
        {
            var (json, map) = JsonProjection.Convert(document.Root);
            LoadObject(input.DisplayPath, json, map, evaluateModels, policiesApply);
        }
        catch (YamlSyntaxException e)
        {
            _errors.Add(new ManifestError(input.DisplayPath, e.Position, e.Message));
        }
    }

    private void LoadObject(string file, JsonNode? json, SourceMap map, bool evaluateModels, bool policiesApply)
    {
        var origin = new ManifestOrigin(file, map.Position, map);
        if (json is not JsonObject obj)
        {
            _skipped.Add(new SkippedDocument(origin.Source, json is JsonArray ? "(a list, not an object)" : "(a value, not an object)"));
            return;
        }
        var apiVersion = StringField(obj, "apiVersion");
        var kind = StringField(obj, "kind");
        // kubectl prints "kind: List"; the API returns typed lists such as ModelDeploymentList. kubectl applies the
        // items of either, so they are audited, and a List inside a List too (the YAML depth limit bounds recursion).
        if (kind?.EndsWith("List", StringComparison.Ordinal) == true && obj["items"] is JsonArray items
            && map.Properties?.GetValueOrDefault("items")?.Items is { } itemMaps && itemMaps.Count == items.Count)
        {
            for (var i = 0; i < items.Count; i++)
            {
                LoadObject(file, items[i]?.DeepClone(), itemMaps[i], evaluateModels, policiesApply);
            }
            return;
        }
        if (kind == "List" && obj["items"] is not null)
        {
            _errors.Add(origin.ErrorAt(FieldPath.Root.Property("items"), "a List needs items: a list of objects"));
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
                _errors.Add(origin.ErrorAt(FieldPath.Root.Property("apiVersion"), WrongApiVersion(apiVersion, ourKind)));
                return;
            }
            switch (kind)
            {
                case ModelDeployment.KubeKind:
                    if (Typed<ModelDeployment>(obj, origin, CrdSchemas.For(kind), ModelDeploymentValidator.Validate) is { } model)
                    {
                        model.Metadata.NamespaceProperty ??= "default";
                        if (Identify(model, origin) && evaluateModels)
                        {
                            _models.Add(new(model, origin));
                        }
                    }
                    return;
                case GuardPolicy.KubeKind:
                    if (Typed<GuardPolicy>(obj, origin, CrdSchemas.For(kind)) is { } policy)
                    {
                        // Cluster-scoped: a namespace in the manifest is ignored, as the API server ignores it.
                        policy.Metadata.NamespaceProperty = null;
                        if (!policiesApply)
                        {
                            _ignored.Add(new IgnoredDocument(GuardPolicy.KubeKind, policy.Metadata.Name, origin.File, origin.Start.Line));
                        }
                        else if (Identify(policy, origin))
                        {
                            _policies.Add(new(policy, origin));
                        }
                    }
                    return;
                case GuardException.KubeKind:
                    if (Typed<GuardException>(obj, origin, CrdSchemas.For(kind), ExceptionValidator.Validate) is { } exception)
                    {
                        exception.Metadata.NamespaceProperty ??= "default";
                        if (!policiesApply)
                        {
                            _ignored.Add(new IgnoredDocument(GuardException.KubeKind,
                                $"{exception.Metadata.NamespaceProperty}/{exception.Metadata.Name}", origin.File, origin.Start.Line));
                        }
                        else if (Identify(exception, origin))
                        {
                            _exceptions.Add(new(exception, origin));
                        }
                    }
                    return;
                default:
                    _errors.Add(origin.ErrorAt(FieldPath.Root.Property("kind"), ourKind is null
                        ? $"unknown kind {kind ?? "(none)"} in {ApiGroup.GroupVersion}; expected ModelDeployment, GuardPolicy or GuardException"
                        : $"unknown kind {kind}: kinds are case-sensitive (kubectl rejects it too); write {ourKind}"));
                    return;
            }
        }
        if (apiVersion == "v1" && kind == "Namespace")
        {
            if (Typed<V1Namespace>(obj, origin) is { } ns && Identify(ns, origin))
            {
                _namespaces[ns.Metadata.Name] = ns.Metadata.Labels is { } labels
                    ? new Dictionary<string, string>(labels, StringComparer.Ordinal)
                    : new Dictionary<string, string>();
            }
            return;
        }
        _skipped.Add(new SkippedDocument(origin.Source, kind ?? "(no kind)"));
    }

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
    /// Checks <paramref name="obj"/> as the API server would and converts it; null after reporting errors. With the
    /// kind's CRD <paramref name="schema"/>: unknown fields (refused under kubectl's default strict field validation),
    /// then the CRD's defaults, then the structural schema with its CEL rules, in the server's words. Only an object
    /// the server would accept reaches <paramref name="semantic"/>, the engine's validator for the kind.
    /// </summary>
    private T? Typed<T>(JsonObject obj, ManifestOrigin origin, StructuralSchema? schema = null, Func<T, IReadOnlyList<SpecError>>? semantic = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        var before = _errors.Count;
        if (obj["metadata"] is null or JsonObject && obj["metadata"]?["name"] is null)
        {
            _errors.Add(origin.ErrorAt(FieldPath.Root.Property("metadata").Property("name"), "Required value: name is required"));
        }
        if (schema is not null)
        {
            foreach (var unknown in schema.UnknownFields(obj))
            {
                _errors.Add(origin.UnknownFieldAt(unknown, FieldSuggestion.For(unknown.Name, unknown.DeclaredNames)));
            }
            schema.ApplyDefaults(obj);
            foreach (var error in schema.Validate(obj))
            {
                _errors.Add(origin.SchemaErrorAt(error));
            }
        }
        if (_errors.Count > before)
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
            _errors.Add(origin.ErrorAt(FieldPath.Parse(e.Path), "invalid value"));
            return null;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException or OverflowException)
        {
            _errors.Add(origin.ErrorAt(FieldPath.Root, $"invalid {typeof(T).Name}: {e.Message}"));
            return null;
        }
        var specErrors = semantic?.Invoke(typed) ?? [];
        foreach (var error in specErrors)
        {
            _errors.Add(origin.RuleErrorAt(FieldPath.Parse(error.Field), error.Message));
        }
        return specErrors.Count == 0 ? typed : null;
    }

    /// <summary>Records kind/namespace/name; a second object with the same identity is an error, as applying both would overwrite one.</summary>
    private bool Identify(IKubernetesObject<V1ObjectMeta> obj, ManifestOrigin origin)
    {
        var identity = $"{obj.Kind} {obj.Metadata.NamespaceProperty}/{obj.Metadata.Name}";
        if (_identities.TryGetValue(identity, out var first))
        {
            _errors.Add(origin.ErrorAt(FieldPath.Root.Property("metadata").Property("name"),
                $"{obj.Kind} {(obj.Metadata.NamespaceProperty is { } ns ? ns + "/" : "")}{obj.Metadata.Name} is already defined at {first.Source}"));
            return false;
        }
        _identities[identity] = origin;
        return true;
    }

    private static string? StringField(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
