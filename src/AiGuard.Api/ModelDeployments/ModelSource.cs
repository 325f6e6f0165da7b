using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using AiGuard.Api.Schema;

namespace AiGuard.Api.ModelDeployments;

/// <summary>ModelSource says where the model artifact lives and which bytes it must be.</summary>
public sealed class ModelSource
{
    [Required]
    [Description("Model location: s3://, gs://, hf://org/name[@revision], oci://, https:// or pvc://.")]
    [Pattern("^(s3|gs|hf|oci|https|pvc)://.+$")]
    [StringLengthLimits(maxLength: 2048)]
    [JsonPropertyName("uri")] public string Uri { get; set; } = "";

    [Description("SHA-256 of the model artifact, 64 lowercase hex characters.")]
    [Pattern(Patterns.Sha256Hex)]
    [JsonPropertyName("sha256")] public string? Sha256 { get; set; }
}
