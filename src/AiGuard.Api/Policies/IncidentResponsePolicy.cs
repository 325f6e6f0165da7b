using System.ComponentModel;
using System.Text.Json.Serialization;
using AiGuard.Api.Schema;

namespace AiGuard.Api.Policies;

/// <summary>IncidentResponsePolicy decides whether a critical finding only alerts or isolates the model.</summary>
public sealed class IncidentResponsePolicy
{
    public const string Alert = "Alert";
    public const string Quarantine = "Quarantine";

    [Description("Alert (default) or Quarantine: an unwaived critical finding under Enforce isolates the model.")]
    [EnumValues(Alert, Quarantine)]
    [DefaultValue(Alert)]
    [JsonPropertyName("onCritical")] public string? OnCritical { get; set; }
}
