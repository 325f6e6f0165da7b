using AiGuard.Api.Exceptions;
using AiGuard.Api.ModelDeployments;
using AiGuard.Api.Policies;
using k8s.Models;

namespace AiGuard.Api.Crds;

/// <summary>CrdCatalog lists the AiGuard resources with their scope, short names and printer columns (api.md).</summary>
internal static class CrdCatalog
{
    public const string Namespaced = "Namespaced";
    public const string Cluster = "Cluster";

    /// <summary>Every resource kubectl lists under <c>kubectl get aiguard</c>.</summary>
    public const string Category = "aiguard";

    public static IReadOnlyList<CrdDescriptor> All { get; } =
    [
        new(typeof(ModelDeployment), Namespaced, ["md", "mdep"],
        [
            Column("Phase", "string", ".status.phase", "Compliance phase."),
            Column("Score", "integer", ".status.complianceScore", "Severity-weighted compliance score, 0-100."),
            Column("Enforcement", "string", ".status.enforcement", "Effective enforcement after policies."),
            // After the existing columns, so scripts that read PHASE and SCORE by position keep working.
            Column("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", "The Ready condition: True when the model is served and reconciled."),
            Column("Image", "string", ".status.image.effective", "The image the Deployment runs.", priority: 1),
        ]),
        new(typeof(GuardPolicy), Cluster, ["gp"],
        [
            Column("Enforcement", "string", ".spec.enforcement", "Enforce or Audit."),
            Column("BlockAt", "string", ".spec.blockAt", "Lowest severity that blocks a rollout under Enforce."),
            Column("Matched", "integer", ".status.matchedModelDeployments", "ModelDeployments in the selected namespaces."),
        ]),
        new(typeof(GuardException), Namespaced, ["gx"],
        [
            Column("Controls", "string", ".spec.controls", "Waived controls."),
            // A string, not a date: kubectl renders future dates in a date column as <invalid>.
            Column("Expires", "string", ".spec.expiresAt", "When the waiver ends."),
            Column("Active", "boolean", ".status.active", "True while the waiver is in force."),
            Column("Approved-By", "string", ".spec.approvedBy", "Who approved the waiver.", priority: 1),
        ]),
    ];

    public static V1CustomResourceColumnDefinition Age() => new()
    {
        Name = "Age",
        Type = "date",
        JsonPath = ".metadata.creationTimestamp",
    };

    private static V1CustomResourceColumnDefinition Column(
        string name, string type, string jsonPath, string description, int? priority = null) => new()
        {
            Name = name,
            Type = type,
            JsonPath = jsonPath,
            Description = description,
            Priority = priority,
        };
}
