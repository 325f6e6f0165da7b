namespace AiGuard.Api.ModelDeployments;

/// <summary>PatchModes are the values of <c>spec.updates.patch</c>.</summary>
public static class PatchModes
{
    public const string Auto = "Auto";
    public const string Manual = "Manual";
}
