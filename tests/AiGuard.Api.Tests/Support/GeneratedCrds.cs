using AiGuard.Api.Crds;
using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using k8s.Models;

namespace AiGuard.Api.Tests.Support;

/// <summary>GeneratedCrds gives tests the generated CRDs and their schemas by kind, plus a path lookup into a schema.</summary>
internal static class GeneratedCrds
{
    public static V1CustomResourceDefinition ModelDeployment { get; } = CrdGenerator.Generate<ModelDeployment>();
    public static V1CustomResourceDefinition GuardPolicy { get; } = CrdGenerator.Generate<GuardPolicy>();
    public static V1CustomResourceDefinition GuardException { get; } = CrdGenerator.Generate<GuardException>();

    public static IEnumerable<V1CustomResourceDefinition> All => [ModelDeployment, GuardPolicy, GuardException];

    public static V1JSONSchemaProps Schema(this V1CustomResourceDefinition crd) =>
        crd.Spec.Versions.Single().Schema.OpenAPIV3Schema;

    public static V1CustomResourceDefinition ForKind(string kind) =>
        All.SingleOrDefault(c => c.Spec.Names.Kind == kind) ?? throw new ArgumentException($"No CRD for kind {kind}.");

    /// <summary>
    /// Walks a dotted path through properties; <c>[]</c> steps into list items and <c>{}</c> into map values,
    /// e.g. <c>spec.secrets[].name</c> or <c>spec.controls{}.severity</c>.
    /// </summary>
    public static V1JSONSchemaProps At(this V1CustomResourceDefinition crd, string path) => crd.Schema().At(path);

    /// <summary>The same walk from any schema node.</summary>
    public static V1JSONSchemaProps At(this V1JSONSchemaProps root, string path)
    {
        var node = root;
        foreach (var part in path.Split('.'))
        {
            var name = part.TrimEnd('[', ']', '{', '}');
            node = (node.Properties is { } props && props.TryGetValue(name, out var next) ? next : null) ?? throw new KeyNotFoundException($"{path}: no property {name}");
            if (part.EndsWith("[]", StringComparison.Ordinal))
            {
                node = (V1JSONSchemaProps)node.Items;
            }
            else if (part.EndsWith("{}", StringComparison.Ordinal))
            {
                node = (V1JSONSchemaProps)node.AdditionalProperties;
            }
        }

        return node;
    }

    /// <summary>Every schema node with its path, depth first; anyOf branches are included.</summary>
    public static IEnumerable<(string Path, V1JSONSchemaProps Node)> Nodes(V1JSONSchemaProps root, string path = "")
    {
        yield return (path, root);
        foreach (var (name, child) in root.Properties ?? new Dictionary<string, V1JSONSchemaProps>())
        {
            foreach (var n in Nodes(child, path.Length == 0 ? name : $"{path}.{name}"))
            {
                yield return n;
            }
        }

        if (root.Items is V1JSONSchemaProps items)
        {
            foreach (var n in Nodes(items, path + "[]"))
            {
                yield return n;
            }
        }

        if (root.AdditionalProperties is V1JSONSchemaProps values)
        {
            foreach (var n in Nodes(values, path + "{}"))
            {
                yield return n;
            }
        }

        foreach (var (branch, i) in (root.AnyOf ?? []).Select((b, i) => (b, i)))
        {
            foreach (var n in Nodes(branch, $"{path}<anyOf{i}>"))
            {
                yield return n;
            }
        }
    }
}
