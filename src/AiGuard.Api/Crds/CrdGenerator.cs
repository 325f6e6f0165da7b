using System.Reflection;
using k8s.Models;

namespace AiGuard.Api.Crds;

/// <summary>
/// CrdGenerator produces the CustomResourceDefinitions of the aiguard.io API from the API types, so the schema the
/// API server enforces can never drift from the classes the operator and the CLI read. Output is deterministic.
/// </summary>
public static class CrdGenerator
{
    /// <summary>The root types, in the order their CRDs are emitted.</summary>
    public static IReadOnlyList<Type> RootTypes { get; } = CrdCatalog.All.Select(d => d.Root).ToList();

    /// <summary>Generates the CRDs of ModelDeployment, GuardPolicy and GuardException, in that order.</summary>
    public static IReadOnlyList<V1CustomResourceDefinition> GenerateAll() =>
        CrdCatalog.All.Select(Generate).ToList();

    /// <summary>Generates the CRD of one root type (ModelDeployment, GuardPolicy or GuardException).</summary>
    public static V1CustomResourceDefinition Generate(Type root)
    {
        var descriptor = CrdCatalog.All.FirstOrDefault(d => d.Root == root)
            ?? throw new ArgumentException($"{root.Name} is not an aiguard.io root type.", nameof(root));
        return Generate(descriptor);
    }

    /// <summary>Generates the CRD of one root type.</summary>
    public static V1CustomResourceDefinition Generate<T>() => Generate(typeof(T));

    private static V1CustomResourceDefinition Generate(CrdDescriptor descriptor)
    {
        var entity = descriptor.Root.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException($"{descriptor.Root.Name} has no [KubernetesEntity].");
        return new V1CustomResourceDefinition
        {
            ApiVersion = "apiextensions.k8s.io/v1",
            Kind = "CustomResourceDefinition",
            Metadata = new V1ObjectMeta { Name = $"{entity.PluralName}.{entity.Group}" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = entity.Group,
                Scope = descriptor.Scope,
                Names = new V1CustomResourceDefinitionNames
                {
                    Kind = entity.Kind,
                    ListKind = entity.Kind + "List",
                    Plural = entity.PluralName,
                    Singular = entity.Kind.ToLowerInvariant(),
                    ShortNames = [.. descriptor.ShortNames],
                    Categories = [CrdCatalog.Category],
                },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = entity.ApiVersion,
                        Served = true,
                        Storage = true,
                        Schema = new V1CustomResourceValidation { OpenAPIV3Schema = SchemaBuilder.ForRoot(descriptor.Root) },
                        // An empty object enables the subresource; the operator writes status only through it.
                        Subresources = new V1CustomResourceSubresources { Status = new Dictionary<string, object>() },
                        AdditionalPrinterColumns = [.. descriptor.Columns, CrdCatalog.Age()],
                    },
                ],
            },
        };
    }
}
