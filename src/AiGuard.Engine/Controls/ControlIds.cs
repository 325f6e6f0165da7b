namespace AiGuard.Engine.Controls;

/// <summary>ControlIds are the stable ids of the catalog's controls (see docs/controls.md).</summary>
public static class ControlIds
{
    public const string OpenIngress = "AIG-NET-01";
    public const string EgressReach = "AIG-NET-02";
    public const string ForeignNetworkPolicy = "AIG-NET-03";
    public const string ExistingSecret = "AIG-SEC-01";
    public const string SecretInEnv = "AIG-SEC-02";
    public const string SealedDataOpens = "AIG-SEC-03";
    public const string UnneededToken = "AIG-RBAC-01";
    public const string ApiRuleScope = "AIG-RBAC-02";
    public const string ForeignBinding = "AIG-RBAC-03";
    public const string AccessSubject = "AIG-RBAC-04";
    public const string ImageRegistry = "AIG-IMG-01";
    public const string ImagePinned = "AIG-IMG-02";
    public const string ImagePatchLevel = "AIG-IMG-03";
    public const string PodHardening = "AIG-POD-01";
    public const string ModelPinned = "AIG-MOD-01";
    public const string Governance = "AIG-GOV-01";
}
