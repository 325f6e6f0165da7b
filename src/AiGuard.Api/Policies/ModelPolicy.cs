using System.ComponentModel;
using System.Text.Json.Serialization;

namespace AiGuard.Api.Policies;

/// <summary>ModelPolicy restricts where model artifacts may come from.</summary>
public sealed class ModelPolicy
{
    [Description("URI prefixes the model uri must start with.")]
    [JsonPropertyName("allowedSources")] public List<string>? AllowedSources { get; set; }
}
