using AiGuard.Api.Policies;

namespace AiGuard.Engine.Images;

/// <summary>MinimumVersionRequirement is one policy's minimum version for one normalized repository.</summary>
/// <param name="Policy">The GuardPolicy that sets it.</param>
/// <param name="Entry">The policy's entry (patched image, advisories).</param>
/// <param name="Minimum">The parsed minimum version.</param>
internal sealed record MinimumVersionRequirement(string Policy, MinimumVersion Entry, ImageVersion Minimum)
{
    /// <summary>The advisories as a suffix for messages, e.g. " (CVE-2024-8939)".</summary>
    public string AdvisorySuffix =>
        Entry.Advisories is { Count: > 0 } advisories ? $" ({string.Join(", ", advisories.Where(a => !string.IsNullOrWhiteSpace(a)))})" : "";

    /// <summary>
    /// Requirements of <paramref name="policies"/> for <paramref name="fullRepository"/>. An entry whose repository
    /// or version cannot be read is skipped here; the CRD schema rejects malformed versions at admission.
    /// </summary>
    public static IReadOnlyList<MinimumVersionRequirement> For(IEnumerable<GuardPolicy> policies, string fullRepository) =>
        policies
            .SelectMany(p => (p.Spec?.Images?.MinimumVersions ?? []).OfType<MinimumVersion>().Select(entry => (Policy: p, Entry: entry)))
            .Where(x => ImageReference.NormalizeRepository(x.Entry.Repository) == fullRepository)
            .Select(x => ImageVersion.ParseMinimum(x.Entry.Version) is { } minimum
                ? new MinimumVersionRequirement(x.Policy.Metadata?.Name ?? "", x.Entry, minimum)
                : null)
            .OfType<MinimumVersionRequirement>()
            .ToList();
}
