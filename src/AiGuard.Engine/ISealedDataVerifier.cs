namespace AiGuard.Engine;

/// <summary>
/// ISealedDataVerifier checks that a sealed value opens for its scope, without revealing it to the engine.
/// Implemented over AiGuard.Sealing by the operator (and by <c>aiguard audit --sealing-key</c>).
/// </summary>
public interface ISealedDataVerifier
{
    /// <summary>Checks one sealed value of <c>spec.secrets[secretName].sealedData[key]</c>.</summary>
    SealedDataVerdict Verify(string @namespace, string modelDeployment, string secretName, string key, string sealedValue);
}
