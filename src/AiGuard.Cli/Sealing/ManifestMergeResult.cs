namespace AiGuard.Cli.Sealing;

/// <summary>ManifestMergeResult is the edited manifest and what the edit did.</summary>
/// <param name="Text">The whole manifest after the edit.</param>
/// <param name="Replaced">True when an entry of that name existed and was updated; false when one was added.</param>
/// <param name="Notes">Things the user should know (e.g. an existingSecret reference that was replaced).</param>
public sealed record ManifestMergeResult(string Text, bool Replaced, IReadOnlyList<string> Notes);
