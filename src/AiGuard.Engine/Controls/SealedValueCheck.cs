namespace AiGuard.Engine.Controls;

/// <summary>SealedValueCheck is the verifier's verdict on one sealed value, with where it sits in the spec.</summary>
internal sealed record SealedValueCheck(int SecretIndex, string SecretName, string Key, SealedDataVerdict Verdict)
{
    /// <summary>Opens every sealed value of the spec; a verifier that throws counts as a value that does not open.</summary>
    public static IReadOnlyList<SealedValueCheck> VerifyAll(EvaluationContext context)
    {
        if (context.Sealing is null)
        {
            return [];
        }

        var checks = new List<SealedValueCheck>();
        var secrets = context.Spec.Secrets ?? [];
        for (var i = 0; i < secrets.Count; i++)
        {
            var secret = secrets[i];
            foreach (var (key, value) in secret.SealedData ?? new Dictionary<string, string>())
            {
                checks.Add(new SealedValueCheck(i, secret.Name, key, Verify(context, secret.Name, key, value)));
            }
        }

        return checks;
    }

    private static SealedDataVerdict Verify(EvaluationContext context, string secretName, string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return new SealedDataVerdict(null, "the sealed value is empty");
        }

        try
        {
            return context.Sealing!.Verify(context.Namespace, context.Name, secretName, key, value);
        }
        catch (Exception exception)
        {
            // Only the exception type is reported: its message could quote the payload.
            return new SealedDataVerdict(null, $"verification failed ({exception.GetType().Name})");
        }
    }
}
