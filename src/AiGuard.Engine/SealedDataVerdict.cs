namespace AiGuard.Engine;

/// <summary>SealedDataVerdict says whether a sealed value opens; <see cref="Problem"/> says why not, never with secret material.</summary>
/// <param name="KeyId">Id of the key that sealed the value, when the envelope could be read.</param>
/// <param name="Problem">Null when the value opens; otherwise e.g. "sealed for another scope".</param>
public sealed record SealedDataVerdict(string? KeyId, string? Problem)
{
    public bool Opens => Problem is null;
}
