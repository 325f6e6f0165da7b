using System.Reflection;
using k8s.Models;

namespace AiGuard.Operator.Runtime;

/// <summary>ApiResource is the REST address of a resource type: group ("" for the core group), version and plural.</summary>
public sealed record ApiResource(string Group, string Version, string Plural)
{
    /// <summary>The resource of <typeparamref name="T"/>, read from its <see cref="KubernetesEntityAttribute"/>.</summary>
    public static ApiResource For<T>()
    {
        var entity = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{typeof(T).Name} has no [KubernetesEntity] attribute; pass an ApiResource explicitly");
        if (string.IsNullOrEmpty(entity.ApiVersion) || string.IsNullOrEmpty(entity.PluralName))
        {
            throw new ArgumentException($"{typeof(T).Name}'s [KubernetesEntity] lacks ApiVersion or PluralName");
        }

        return new ApiResource(entity.Group ?? string.Empty, entity.ApiVersion, entity.PluralName);
    }

    /// <summary>
    /// The collection path, relative to the server root: <c>api/v1/namespaces/ns/pods</c>, or across namespaces
    /// <c>apis/aiguard.io/v1alpha1/modeldeployments</c>.
    /// </summary>
    public string CollectionPath(string? @namespace)
    {
        var root = string.IsNullOrEmpty(Group) ? $"api/{Version}" : $"apis/{Group}/{Version}";
        return @namespace is null ? $"{root}/{Plural}" : $"{root}/namespaces/{Uri.EscapeDataString(@namespace)}/{Plural}";
    }
}
