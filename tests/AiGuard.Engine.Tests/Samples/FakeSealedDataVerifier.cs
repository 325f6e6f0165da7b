namespace AiGuard.Engine.Tests.Samples;

/// <summary>
/// A verifier that opens values of the form <c>sealed:&lt;keyId&gt;:&lt;namespace&gt;/&lt;model&gt;/&lt;secret&gt;</c>
/// only for that exact scope, standing in for AiGuard.Sealing (tested on its own).
/// </summary>
public sealed class FakeSealedDataVerifier : ISealedDataVerifier
{
    public List<string> Calls { get; } = [];

    public SealedDataVerdict Verify(string @namespace, string modelDeployment, string secretName, string key, string sealedValue)
    {
        Calls.Add($"{@namespace}/{modelDeployment}/{secretName}/{key}");
        var parts = sealedValue.Split(':', 3);
        if (parts.Length != 3 || parts[0] != "sealed")
        {
            return new SealedDataVerdict(null, "not a sealed value (tampered or truncated)");
        }

        return parts[2] == $"{@namespace}/{modelDeployment}/{secretName}"
            ? new SealedDataVerdict(parts[1], null)
            : new SealedDataVerdict(parts[1], "sealed for another scope");
    }

    public static string Seal(string keyId, string secretName, string model = ModelDeploymentBuilder.Name, string @namespace = ModelDeploymentBuilder.Namespace) =>
        $"sealed:{keyId}:{@namespace}/{model}/{secretName}";
}
