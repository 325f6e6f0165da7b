using AiGuard.Api.ModelDeployments;

namespace AiGuard.Engine;

/// <summary>
/// ModelDeploymentIdentity names a ModelDeployment that exists: what a controller ownerReference must match for an
/// object to count as that ModelDeployment's child (controls.md, "Ownership").
/// </summary>
/// <param name="Namespace">metadata.namespace.</param>
/// <param name="Name">metadata.name.</param>
/// <param name="Uid">metadata.uid, set by the API server; unique across the cluster's lifetime.</param>
public sealed record ModelDeploymentIdentity(string Namespace, string Name, string Uid)
{
    /// <summary>The identity of a stored ModelDeployment, or null when it lacks a name or uid (it was never stored).</summary>
    public static ModelDeploymentIdentity? Of(ModelDeployment? model, string defaultNamespace = EvaluationDefaults.Namespace) =>
        model?.Metadata is { Name: { Length: > 0 } name, Uid: { Length: > 0 } uid } metadata
            ? new ModelDeploymentIdentity(string.IsNullOrEmpty(metadata.NamespaceProperty) ? defaultNamespace : metadata.NamespaceProperty, name, uid)
            : null;
}
