using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using AiGuard.Api.Schema;

namespace AiGuard.Api.ModelDeployments;

/// <summary>AccessSubject is a user, group or ServiceAccount that receives operator or viewer rights.</summary>
public sealed class AccessSubject
{
    [Required]
    [Description("User, Group or ServiceAccount.")]
    [EnumValues("User", "Group", "ServiceAccount")]
    [JsonPropertyName("kind")] public string Kind { get; set; } = "";

    [Required]
    [Description("Name of the subject.")]
    [StringLengthLimits(minLength: 1)]
    [JsonPropertyName("name")] public string Name { get; set; } = "";

    [Description("Namespace of a ServiceAccount subject (default: the ModelDeployment's).")]
    [Pattern(Patterns.DnsLabel)]
    [JsonPropertyName("namespace")] public string? Namespace { get; set; }
}
