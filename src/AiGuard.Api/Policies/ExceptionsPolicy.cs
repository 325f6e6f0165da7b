using System.ComponentModel;
using System.Text.Json.Serialization;
using AiGuard.Api.Schema;

namespace AiGuard.Api.Policies;

/// <summary>
/// ExceptionsPolicy limits what GuardExceptions may waive in the selected namespaces. Whoever may create a
/// GuardException in a namespace (namespace admin) could otherwise waive every control of its own models.
/// </summary>
public sealed class ExceptionsPolicy
{
    [Description("Control ids that no GuardException may waive in the selected namespaces; an exception naming one waives nothing for it.")]
    [ItemLimits(maxItems: 32)]
    [Pattern(Patterns.ControlId)]
    [StringLengthLimits(maxLength: 32)]
    [JsonPropertyName("nonWaivable")] public List<string>? NonWaivable { get; set; }
}
