using System.ComponentModel;
using System.Text.Json.Serialization;

namespace AiGuard.Api.Policies;

/// <summary>RbacPolicy restricts what the model's own identity may be granted.</summary>
public sealed class RbacPolicy
{
    [Description("Resources apiRules may name.")]
    [JsonPropertyName("allowedResources")] public List<string>? AllowedResources { get; set; }
}
