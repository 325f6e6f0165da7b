using System.Text;
using k8s.Models;

namespace AiGuard.Api.Crds;

/// <summary>
/// CrdYaml writes CRDs as YAML that <c>kubectl apply</c> accepts (through <see cref="ManifestYaml"/>), one file per
/// CRD in kubebuilder's layout.
/// </summary>
public static class CrdYaml
{
    /// <summary>Serializes one CRD as a single YAML document (no leading <c>---</c>).</summary>
    public static string Serialize(V1CustomResourceDefinition crd) => ManifestYaml.Serialize(crd);

    /// <summary>Serializes several CRDs as one multi-document YAML stream, each document starting with <c>---</c>.</summary>
    public static string Serialize(IEnumerable<V1CustomResourceDefinition> crds)
    {
        var text = new StringBuilder();
        foreach (var crd in crds)
        {
            text.Append("---\n").Append(Serialize(crd));
        }

        return text.ToString();
    }

    /// <summary>The file name kubebuilder's layout uses under config/crd/bases: <c>aiguard.io_&lt;plural&gt;.yaml</c>.</summary>
    public static string FileName(V1CustomResourceDefinition crd) => $"{crd.Spec.Group}_{crd.Spec.Names.Plural}.yaml";
}
