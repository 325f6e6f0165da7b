namespace AiGuard.EndToEnd.Tests.Permissions;

/// <summary>What one proof run saw: the 403 series counted, whether everything converged, and the operator's output.</summary>
internal sealed record ProofOutcome(IReadOnlyList<string> Forbidden, bool Converged, string State, string OperatorOutput)
{
    /// <summary>A failure message: the 403s, the state reached and the end of the operator's output.</summary>
    public string Describe(string install)
    {
        var tail = OperatorOutput.Length > 4000 ? OperatorOutput[^4000..] : OperatorOutput;
        return $"{install}: {(Converged ? "converged" : "did not converge: " + State)}; 403 answers: [{string.Join("; ", Forbidden)}]\n--- operator output (end)\n{tail}";
    }
}
