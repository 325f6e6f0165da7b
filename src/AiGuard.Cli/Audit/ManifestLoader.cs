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
    /// <summary>Where each kind/namespace/name was first defined (<c>file:line</c>): not its origin, whose source map is large.</summary>
    private readonly Dictionary<string, string> _identities = new(StringComparer.Ordinal);
    private readonly List<SkippedDocument> _skipped = [];
    private readonly List<IgnoredDocument> _ignored = [];
    private readonly List<GuardPolicy> _policyObjects = [];
    private readonly List<GuardException> _exceptionObjects = [];
    private readonly List<AuditResult> _settled = [];
    private readonly AuditEvaluator? _evaluator;

    /// <summary>Set per input: whether a later input may define context, and the last line of this one that may.</summary>
    private bool _laterInputsMayDefineContext;
    private int _lastContextLine;

    private ManifestLoader(AuditEvaluator? evaluator)
    {
        _evaluator = evaluator;
    }

    /// <summary>
    /// Loads <paramref name="inputs"/> and <paramref name="policyInputs"/> (whose ModelDeployments are not evaluated);
    /// throws <see cref="ManifestLoadException"/> with every error found, and nothing else. With policy inputs
    /// (<c>--policy</c>), GuardPolicies and GuardExceptions apply only from them: those of the other inputs are
    /// checked, listed in <see cref="ManifestSet.Ignored"/> and not applied. An input that is also a policy input (the
    /// same instance, as <see cref="ManifestInputReader"/> returns it) is both audited and trusted. With an
    /// <paramref name="evaluator"/>, a ModelDeployment read after the last text that could define a policy, exception
    /// or namespace is evaluated at once and only its result is kept (<see cref="ManifestSet.Settled"/>).
    /// </summary>
    public static ManifestSet Load(IReadOnlyList<ManifestInput> inputs, IReadOnlyList<ManifestInput>? policyInputs = null, AuditEvaluator? evaluator = null)
    {
        var loader = new ManifestLoader(evaluator);
        var trusted = policyInputs is null ? null : new HashSet<ManifestInput>(policyInputs, ReferenceEqualityComparer.Instance);
        var audited = new HashSet<ManifestInput>(inputs, ReferenceEqualityComparer.Instance);
        var order = inputs.Select(i => (Input: i, Audited: true))
            .Concat((policyInputs ?? []).Where(i => !audited.Contains(i)).Select(i => (Input: i, Audited: false)))
            .ToList();
        var lastLines = evaluator is null ? null : order.Select(o => ContextMarkers.LastLine(o.Input.Text)).ToList();
        for (var i = 0; i < order.Count; i++)
        {
            if (lastLines is not null)
            {
                loader._lastContextLine = lastLines[i];
                loader._laterInputsMayDefineContext = lastLines.Skip(i + 1).Any(line => line > 0);
            }
            var (input, isAudited) = order[i];
            loader.LoadInput(input, evaluateModels: isAudited, policiesApply: !isAudited || trusted is null || trusted.Contains(input));
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
            Settled = loader._settled,
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
            // A document after the last text that could define context sees the final policies and namespaces.
            var settled = _evaluator is not null && !_laterInputsMayDefineContext && document.Start.Line > _lastContextLine;
            LoadObject(input.DisplayPath, json, map, evaluateModels, policiesApply, settled);
        }
        catch (YamlSyntaxException e)
        {
            _errors.Add(new ManifestError(input.DisplayPath, e.Position, e.Message));
        }
    }

    private void LoadObject(string file, JsonNode? json, SourceMap map, bool evaluateModels, bool policiesApply, bool settled)
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
                LoadObject(file, items[i]?.DeepClone(), itemMaps[i], evaluateModels, policiesApply, settled);
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
                            Keep(new(model, origin), settled);
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
                            _policyObjects.Add(policy);
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
                            _exceptionObjects.Add(exception);
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

    /// <summary>Evaluates a settled model now, keeping only its result; any other is kept for the end.</summary>
    private void Keep(LoadedObject<ModelDeployment> model, bool settled)
    {
        if (!settled || _evaluator is null)
        {
            _models.Add(model);
        }
        else if (_evaluator.Evaluate(model, _policyObjects, _exceptionObjects, _namespaces, _errors) is { } result)
        {
            _settled.Add(result);
        }
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
                $"{obj.Kind} {(obj.Metadata.NamespaceProperty is { } ns ? ns + "/" : "")}{obj.Metadata.Name} is already defined at {first}"));
            return false;
        }
        _identities[identity] = origin.Source;
        return true;
    }

    private static string? StringField(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
