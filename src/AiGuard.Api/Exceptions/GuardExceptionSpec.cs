using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using AiGuard.Api.Schema;

namespace AiGuard.Api.Exceptions;

/// <summary>GuardExceptionSpec names what is waived, why, by whom and until when.</summary>
[ValidationRule("has(self.controls) && size(self.controls) > 0 && has(self.expiresAt)", "a GuardException must name at least one control and set expiresAt: waivers are time-boxed")]
public sealed class GuardExceptionSpec
{
    /// <summary>An exception may last at most this long after its creation.</summary>
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromDays(90);

    public const int MinimumJustificationLength = 20;

    [Required]
    [Description("ModelDeployment names in this namespace, or [\"*\"] for all.")]
    [ItemLimits(minItems: 1, maxItems: 64)]
    [Pattern(Patterns.DnsLabelOrWildcard)]
    [StringLengthLimits(maxLength: 63)]
    [ValidationRule("!self.exists(n, n == '*') || size(self) == 1", "\"*\" waives every ModelDeployment of the namespace and must be the only entry of modelDeployments")]
    [JsonPropertyName("modelDeployments")] public List<string> ModelDeployments { get; set; } = [];

    [Required]
    [Description("Control ids to waive; at least one; \"*\" is not allowed.")]
    [ItemLimits(minItems: 1, maxItems: 32)]
    [Pattern(Patterns.ControlId)]
    [StringLengthLimits(maxLength: 32)]
    [ValidationRule("size(self) > 0", "an exception must name at least one control")]
    [ValidationRule("!self.exists(c, c == '*')", "controls cannot contain \"*\": name each waived control, e.g. AIG-IMG-03")]
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
