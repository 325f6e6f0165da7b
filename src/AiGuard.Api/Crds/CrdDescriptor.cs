using k8s.Models;

namespace AiGuard.Api.Crds;

/// <summary>CrdDescriptor holds what reflection cannot tell about a root type: scope, names and printer columns.</summary>
/// <param name="Root">The root resource type, carrying [KubernetesEntity].</param>
/// <param name="Scope">Namespaced or Cluster.</param>
/// <param name="ShortNames">kubectl short names.</param>
/// <param name="Columns">Extra printer columns; Age is always appended last.</param>
internal sealed record CrdDescriptor(
    Type Root,
    string Scope,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<V1CustomResourceColumnDefinition> Columns);
