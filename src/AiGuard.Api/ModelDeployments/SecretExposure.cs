namespace AiGuard.Api.ModelDeployments;

/// <summary>SecretExposure are the values of <c>spec.secrets[].expose</c>.</summary>
public static class SecretExposure
{
    public const string File = "File";
    public const string Env = "Env";
}
