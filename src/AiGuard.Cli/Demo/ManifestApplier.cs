using AiGuard.Api;
using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using k8s;
using k8s.Models;

namespace AiGuard.Cli.Demo;

/// <summary>
/// ManifestApplier server-side applies the kinds the demo ships (Namespaces, CRDs and the aiguard.io kinds), as
/// <c>kubectl apply --server-side</c> would: idempotent, so re-running the demo against the same cluster is fine.
/// </summary>
public sealed class ManifestApplier(IKubernetes client)
{
    /// <summary>The field manager of the demo's applies.</summary>
    public const string FieldManager = "aiguard-demo";

    private static readonly Dictionary<string, Type> AiGuardKinds = new()
    {
        [$"{ApiGroup.GroupVersion}/{nameof(ModelDeployment)}"] = typeof(ModelDeployment),
        [$"{ApiGroup.GroupVersion}/{nameof(GuardPolicy)}"] = typeof(GuardPolicy),
        [$"{ApiGroup.GroupVersion}/{nameof(GuardException)}"] = typeof(GuardException),
    };

    /// <summary>Parses every document of <paramref name="yaml"/>; <paramref name="file"/> names it in errors.</summary>
    public static IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Parse(string file, string yaml)
    {
        try
        {
            return KubernetesYaml.LoadAllFromString(yaml, AiGuardKinds).Cast<IKubernetesObject<V1ObjectMeta>>().ToList();
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidCastException or KeyNotFoundException)
        {
            throw new InvalidOperationException($"{file}: {e.Message}", e);
        }
    }

    /// <summary>Applies one object; returns a short description such as <c>modeldeployment ml-prod/credit-scorer</c>.</summary>
    public async Task<string> ApplyAsync(IKubernetesObject<V1ObjectMeta> item, CancellationToken cancellationToken)
    {
        var name = item.Metadata.Name;
        var ns = item.Metadata.NamespaceProperty;
        var patch = new V1Patch(item, V1Patch.PatchType.ApplyPatch);
        switch (item)
        {
            case V1Namespace:
                await client.CoreV1.PatchNamespaceAsync(patch, name, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
                return $"namespace {name}";
            case V1CustomResourceDefinition:
                await client.ApiextensionsV1.PatchCustomResourceDefinitionAsync(patch, name, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
                return $"customresourcedefinition {name}";
            case GuardPolicy:
                await client.CustomObjects.PatchClusterCustomObjectAsync(patch, ApiGroup.Group, ApiGroup.Version, GuardPolicy.Plural, name,
                    fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
                return $"guardpolicy {name}";
            case GuardException:
                await client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, ApiGroup.Group, ApiGroup.Version, ns, GuardException.Plural, name,
                    fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
                return $"guardexception {ns}/{name}";
            case ModelDeployment:
                await client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, ApiGroup.Group, ApiGroup.Version, ns, ModelDeployment.Plural, name,
                    fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
                return $"modeldeployment {ns}/{name}";
            default:
                throw new InvalidOperationException($"the demo does not apply {item.Kind} {name}");
        }
    }
}
