using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using AiGuard.Api.Schema;

namespace AiGuard.Api.Exceptions;

/// <summary>GuardExceptionSpec names what is waived, why, by whom and until when.</summary>
public sealed class GuardExceptionSpec
{
    /// <summary>An exception may last at most this long after its creation.</summary>
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromDays(90);

    public const int MinimumJustificationLength = 20;

    [Required]
    [Description("ModelDeployment names in this namespace, or [\"*\"] for all.")]
    [ItemLimits(minItems: 1)]
    [Pattern(Patterns.DnsLabelOrWildcard)]
    [JsonPropertyName("modelDeployments")] public List<string> ModelDeployments { get; set; } = [];

    [Required]
    [Description("Control ids to waive; at least one; \"*\" is not allowed.")]
    [ItemLimits(minItems: 1)]
    [Pattern(Patterns.ControlId)]
    [ValidationRule("size(self) > 0", "an exception must name at least one control")]
    [JsonPropertyName("controls")] public List<string> Controls { get; set; } = [];

    [Required]
    [Description("Why the waiver is acceptable, at least 20 characters.")]
    [StringLengthLimits(minLength: MinimumJustificationLength, maxLength: 1024)]
    [JsonPropertyName("justification")] public string Justification { get; set; } = "";

    [Required]
    [Description("Who approved the waiver.")]
    [StringLengthLimits(minLength: 1)]
    [JsonPropertyName("approvedBy")] public string ApprovedBy { get; set; } = "";

    [Required]
    [Description("When the waiver ends (RFC 3339); at most 90 days after creation.")]
    [SchemaFormat("date-time")]
    [JsonPropertyName("expiresAt")] public DateTime? ExpiresAt { get; set; }
}
