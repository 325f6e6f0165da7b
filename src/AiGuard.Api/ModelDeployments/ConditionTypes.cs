namespace AiGuard.Api.ModelDeployments;

/// <summary>ConditionTypes are the condition types a ModelDeployment reports.</summary>
public static class ConditionTypes
{
    public const string Ready = "Ready";
    public const string Reconciling = "Reconciling";
    public const string Stalled = "Stalled";
    public const string Compliant = "Compliant";
    public const string NetworkIsolated = "NetworkIsolated";
    public const string SecretsSealed = "SecretsSealed";
    public const string LeastPrivilege = "LeastPrivilege";
    public const string ImagePatched = "ImagePatched";
    public const string PodHardened = "PodHardened";
    public const string ModelPinned = "ModelPinned";
    public const string Governed = "Governed";
}
