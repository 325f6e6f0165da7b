namespace AiGuard.Engine;

/// <summary>Timestamps turns Kubernetes DateTime fields (usually UTC, sometimes unspecified) into UTC instants.</summary>
internal static class Timestamps
{
    public static DateTimeOffset? ToUtc(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Local } local => new DateTimeOffset(local.ToUniversalTime(), TimeSpan.Zero),
        { } other => new DateTimeOffset(DateTime.SpecifyKind(other, DateTimeKind.Utc), TimeSpan.Zero),
    };
}
