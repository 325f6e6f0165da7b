using AiGuard.Api.Exceptions;

namespace AiGuard.Engine.Waivers;

/// <summary>
/// ActiveExceptions are the valid, unexpired GuardExceptions of one ModelDeployment's namespace that name it (or
/// <c>*</c>), sorted by name so that <c>waivedBy</c> is stable.
/// </summary>
public sealed class ActiveExceptions
{
    private readonly IReadOnlyList<GuardException> exceptions;

    private ActiveExceptions(IReadOnlyList<GuardException> exceptions) => this.exceptions = exceptions;

    /// <summary>The exceptions in force for the model at <paramref name="now"/>.</summary>
    public IReadOnlyList<GuardException> All => exceptions;

    /// <summary>Selects the exceptions that apply to ModelDeployment <paramref name="name"/> in <paramref name="namespace"/>.</summary>
    public static ActiveExceptions For(IEnumerable<GuardException?>? candidates, string @namespace, string name, DateTimeOffset now) =>
        new((candidates ?? [])
            .OfType<GuardException>()
            .Where(e => (e.Metadata?.NamespaceProperty ?? EvaluationDefaults.Namespace) == @namespace)
            .Where(e => e.Spec?.ModelDeployments is { } names && (names.Contains("*") || names.Contains(name)))
            .Where(e => ExceptionValidator.IsActive(e, now))
            .OrderBy(e => e.Metadata?.Name ?? "", StringComparer.Ordinal)
            .ToList());

    /// <summary>The name of the first exception that waives <paramref name="control"/>, or null.</summary>
    public string? WaiverFor(string control) =>
        exceptions.FirstOrDefault(e => e.Spec.Controls.Contains(control)) is { } waiver ? waiver.Metadata?.Name ?? "" : null;

    /// <summary>The earliest expiry among the exceptions in force, when the verdict can next change by the clock alone.</summary>
    public DateTimeOffset? EarliestExpiry =>
        exceptions.Select(e => Timestamps.ToUtc(e.Spec.ExpiresAt)).Where(t => t is not null).Min();
}
