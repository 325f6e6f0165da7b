using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s.Models;

namespace AiGuard.Api.ModelDeployments;

/// <summary>AccessSpec describes the model's own identity and the people who may operate or view it.</summary>
public sealed class AccessSpec
{
    [Description("RBAC rules the model's own ServiceAccount needs in its namespace; default none.")]
    [JsonPropertyName("apiRules")] public List<V1PolicyRule>? ApiRules { get; set; }

    [Description("Mount a ServiceAccount token; default true only when apiRules is non-empty.")]
    [JsonPropertyName("automountServiceAccountToken")] public bool? AutomountServiceAccountToken { get; set; }

    [Description("May get/update/patch this ModelDeployment and read its pods and logs.")]
    [JsonPropertyName("operators")] public List<AccessSubject>? Operators { get; set; }

    [Description("May get/list/watch this ModelDeployment.")]
    [JsonPropertyName("viewers")] public List<AccessSubject>? Viewers { get; set; }
}
