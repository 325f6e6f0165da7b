using AiGuard.Sandbox.Metrics;

namespace AiGuard.Benchmarks;

/// <summary>RequestTally reads the sandbox's request counters (apiserver_request_total) for one benchmark phase.</summary>
internal sealed class RequestTally(IReadOnlyDictionary<RequestKey, long> counts)
{
    private static readonly string[] WriteVerbs = ["create", "update", "patch", "apply", "delete"];

    public long Verb(string verb) => counts.Where(p => p.Key.Verb == verb).Sum(p => p.Value);

    /// <summary>Requests with this verb on one resource ("leases").</summary>
    public long VerbOn(string verb, string resource) => counts.Where(p => p.Key.Verb == verb && Label(p.Key) == resource).Sum(p => p.Value);

    /// <summary>"secrets 2, configmaps 1": requests with this verb by resource, for a note when a count should be 0.</summary>
    public string VerbByResource(string verb) => string.Join(", ", counts.Where(p => p.Key.Verb == verb)
        .GroupBy(p => Label(p.Key)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Sum(p => p.Value)}"));

    public long Writes => counts.Where(p => WriteVerbs.Contains(p.Key.Verb)).Sum(p => p.Value);

    /// <summary>Writes on one resource ("modeldeployments/status" for a subresource).</summary>
    public long WritesOn(string resource) => counts
        .Where(p => WriteVerbs.Contains(p.Key.Verb) && Label(p.Key) == resource)
        .Sum(p => p.Value);

    /// <summary>Writes grouped by verb and resource ("apply", "networkpolicies", 2000), largest first.</summary>
    public IReadOnlyList<(string Verb, string Resource, long Count)> WriteMix() => counts
        .Where(p => WriteVerbs.Contains(p.Key.Verb))
        .GroupBy(p => (p.Key.Verb, Label(p.Key)))
        .Select(g => (g.Key.Verb, g.Key.Item2, g.Sum(p => p.Value)))
        .OrderByDescending(w => w.Item3)
        .ToList();

    /// <summary>One line per verb, then writes per resource, e.g. "apply deployments 750".</summary>
    public void Print(string indent)
    {
        var byVerb = counts.GroupBy(p => p.Key.Verb).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Sum(p => p.Value)}");
        Console.WriteLine($"{indent}requests by verb: {string.Join(", ", byVerb)}");
        var writes = counts.Where(p => WriteVerbs.Contains(p.Key.Verb))
            .GroupBy(p => $"{p.Key.Verb} {Label(p.Key)}").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Sum(p => p.Value)}").ToList();
        Console.WriteLine($"{indent}writes: {(writes.Count == 0 ? "none" : string.Join(", ", writes))}");
        var failed = counts.Where(p => p.Key.Code >= 400).Sum(p => p.Value);
        if (failed > 0)
        {
            Console.WriteLine($"{indent}answered with an error code: {failed} ({string.Join(", ", counts.Where(p => p.Key.Code >= 400).Select(p => $"{p.Key.Verb} {Label(p.Key)} {p.Key.Code}: {p.Value}"))})");
        }
    }

    private static string Label(RequestKey key) => key.Subresource.Length == 0 ? key.Resource : $"{key.Resource}/{key.Subresource}";
}
