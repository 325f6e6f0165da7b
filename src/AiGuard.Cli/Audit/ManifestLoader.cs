using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using AiGuard.Cli.Audit.Yaml;
using k8s;
using k8s.Models;

namespace AiGuard.Cli.Audit;

/// <summary>
/// ManifestLoader reads ModelDeployments, GuardPolicies, GuardExceptions and Namespaces from YAML or JSON
/// documents (multi-document streams and <c>kind: List</c> included, nested too) into the API types, checking them
/// as the API server would (<see cref="DocumentPreparer"/>, in parallel for large inputs: <see cref="DocumentPipeline"/>)
/// and applying them in input order, so that a second object of the same identity is the one reported. Every error
/// names <c>file:line:column</c> and the field; other kinds are skipped and counted.
/// </summary>
public sealed class ManifestLoader
{
    private readonly List<ManifestError> _errors = [];
    private readonly List<LoadedObject<ModelDeployment>> _models = [];
    private readonly List<LoadedObject<GuardPolicy>> _policies = [];
    private readonly List<LoadedObject<GuardException>> _exceptions = [];
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _namespaces = new(StringComparer.Ordinal);
    /// <summary>
    /// Where each kind/namespace/name was first defined: file and line, not its origin (whose source map is large), and
    /// no string built per object (the name and namespace are the object's own, which its result keeps anyway).
    /// </summary>
    private readonly Dictionary<(string Kind, string? Namespace, string Name), (string File, int Line)> _identities = [];
    private readonly List<SkippedDocument> _skipped = [];
    private readonly List<IgnoredDocument> _ignored = [];
    private readonly List<GuardPolicy> _policyObjects = [];
    private readonly List<GuardException> _exceptionObjects = [];
    private readonly List<AuditResult> _settled = [];
    private readonly AuditEvaluator? _evaluator;
    private static readonly FieldPath NamePath = FieldPath.Root.Property("metadata").Property("name");

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
    public static ManifestSet Load(IReadOnlyList<ManifestInput> inputs, IReadOnlyList<ManifestInput>? policyInputs = null, AuditEvaluator? evaluator = null,
        AuditParallelism? parallelism = null)
    {
        var loader = new ManifestLoader(evaluator);
        var trusted = policyInputs is null ? null : new HashSet<ManifestInput>(policyInputs, ReferenceEqualityComparer.Instance);
        var audited = new HashSet<ManifestInput>(inputs, ReferenceEqualityComparer.Instance);
        var order = inputs.Select(i => (Input: i, Audited: true))
            .Concat((policyInputs ?? []).Where(i => !audited.Contains(i)).Select(i => (Input: i, Audited: false)))
            .ToList();
        var lastLines = evaluator is null ? null : order.Select(o => ContextMarkers.LastLine(o.Input)).ToList();
        for (var i = 0; i < order.Count; i++)
        {
            if (lastLines is not null)
            {
                loader._lastContextLine = lastLines[i];
                loader._laterInputsMayDefineContext = lastLines.Skip(i + 1).Any(line => line > 0);
            }
            var (input, isAudited) = order[i];
            loader.LoadInput(input, evaluateModels: isAudited, policiesApply: !isAudited || trusted is null || trusted.Contains(input),
                parallelism ?? AuditParallelism.Default);
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

    private void LoadInput(ManifestInput input, bool evaluateModels, bool policiesApply, AuditParallelism parallelism)
    {
        try
        {
            // One document (or one part per worker) at a time: node trees and JSON are garbage once applied.
            var settler = _evaluator is not null && evaluateModels && !_laterInputsMayDefineContext ? new DocumentSettler(_lastContextLine, Settle) : null;
            DocumentPipeline.Read(input, parallelism, document => Apply(document, evaluateModels, policiesApply), settler);
        }
        catch (YamlSyntaxException e)
        {
            _errors.Add(new ManifestError(input.DisplayPath, e.Position, e.Message));
        }
    }

    /// <summary>Applies a prepared document's outcomes in order: errors, skips, and objects once their identity is unique.</summary>
    private void Apply(PreparedDocument document, bool evaluateModels, bool policiesApply)
    {
        // A document after the last text that could define context sees the final policies and namespaces.
        var settled = _evaluator is not null && !_laterInputsMayDefineContext && document.Start.Line > _lastContextLine;
        foreach (var item in document.Items)
        {
            if (item.Error is { } error)
            {
                _errors.Add(error);
            }
            else if (item.Skipped is { } skipped)
            {
                _skipped.Add(skipped);
            }
            else if (item.Origin is { } origin)
            {
                Apply(item.Object, origin, evaluateModels, policiesApply, settled);
            }
            else if (item.Settled is { } model
                && Identify(ModelDeployment.KubeKind, model.Namespace, model.Name, model.File, model.Start.Line,
                    message => new ManifestError(model.File, model.NamePosition, $"{NamePath}: {message}")))
            {
                _errors.AddRange(model.Errors);
                if (model.Result is { } result)
                {
                    _settled.Add(result);
                }
            }
        }
    }

    /// <summary>
    /// Evaluates the ModelDeployments of a document whose context is final, on a worker thread (see
    /// <see cref="DocumentSettler"/>): it reads the applied policies, exceptions and namespaces, which no longer change,
    /// and keeps of each model only what <see cref="Apply(PreparedDocument, bool, bool)"/> needs to identify and keep it.
    /// </summary>
    private PreparedDocument Settle(PreparedDocument document)
    {
        PreparedItem[]? settled = null;
        for (var i = 0; i < document.Items.Count; i++)
        {
            if (document.Items[i] is { Object: ModelDeployment model, Origin: { } origin })
            {
                settled ??= [.. document.Items];
                var errors = new List<ManifestError>();
                var result = _evaluator!.Evaluate(new(model, origin), _policyObjects, _exceptionObjects, _namespaces, errors);
                settled[i] = new PreparedItem(null, null, null, null, new SettledModel(model.Metadata.NamespaceProperty, model.Metadata.Name,
                    origin.File, origin.Start, origin.Map.Locate(NamePath), result, errors));
            }
        }
        return settled is null ? document : document with { Items = settled };
    }

    private void Apply(IKubernetesObject<V1ObjectMeta>? obj, ManifestOrigin origin, bool evaluateModels, bool policiesApply, bool settled)
    {
        switch (obj)
        {
            case ModelDeployment model:
                if (Identify(model, origin) && evaluateModels)
                {
                    Keep(new(model, origin), settled);
                }
                return;
            case GuardPolicy policy when !policiesApply:
                _ignored.Add(new IgnoredDocument(GuardPolicy.KubeKind, policy.Metadata.Name, origin.File, origin.Start.Line));
                return;
            case GuardPolicy policy:
                if (Identify(policy, origin))
                {
                    _policies.Add(new(policy, origin));
                    _policyObjects.Add(policy);
                }
                return;
            case GuardException exception when !policiesApply:
                _ignored.Add(new IgnoredDocument(GuardException.KubeKind,
                    $"{exception.Metadata.NamespaceProperty}/{exception.Metadata.Name}", origin.File, origin.Start.Line));
                return;
            case GuardException exception:
                if (Identify(exception, origin))
                {
                    _exceptions.Add(new(exception, origin));
                    _exceptionObjects.Add(exception);
                }
                return;
            case V1Namespace ns:
                if (Identify(ns, origin))
                {
                    _namespaces[ns.Metadata.Name] = ns.Metadata.Labels is { } labels
                        ? new Dictionary<string, string>(labels, StringComparer.Ordinal)
                        : new Dictionary<string, string>();
                }
                return;
        }
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

    /// <summary>Records kind/namespace/name; a second object with the same identity is an error, as applying both would overwrite one.</summary>
    private bool Identify(IKubernetesObject<V1ObjectMeta> obj, ManifestOrigin origin) =>
        Identify(obj.Kind, obj.Metadata.NamespaceProperty, obj.Metadata.Name, origin.File, origin.Start.Line, message => origin.ErrorAt(NamePath, message));

    private bool Identify(string kind, string? ns, string name, string file, int line, Func<string, ManifestError> errorAtName)
    {
        if (_identities.TryGetValue((kind, ns, name), out var first))
        {
            _errors.Add(errorAtName($"{kind} {(ns is not null ? ns + "/" : "")}{name} is already defined at {first.File}:{first.Line}"));
            return false;
        }
        _identities[(kind, ns, name)] = (file, line);
        return true;
    }
}
