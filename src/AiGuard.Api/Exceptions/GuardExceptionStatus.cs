using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s.Models;

namespace AiGuard.Api.Exceptions;

/// <summary>GuardExceptionStatus says whether the waiver is in force.</summary>
public sealed class GuardExceptionStatus
{
    [Description("The generation the status describes.")]
    [JsonPropertyName("observedGeneration")] public long? ObservedGeneration { get; set; }

    [Description("True while the exception is valid and not expired.")]
    [JsonPropertyName("active")] public bool? Active { get; set; }

    [Description("Number of ModelDeployments it currently waives findings for.")]
    [JsonPropertyName("matchedModelDeployments")] public int? MatchedModelDeployments { get; set; }

    [Description("Ready is True (reason Active) while the exception is in force; once it is expired or invalid, Ready is False and Stalled is True, both with reason Expired or Invalid.")]
    [JsonPropertyName("conditions")] public List<V1Condition>? Conditions { get; set; }
}
