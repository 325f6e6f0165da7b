namespace AiGuard.Benchmarks.Suite;

/// <summary>The API path of each resource the operator writes (its seven child kinds, its Events, ModelDeployments).</summary>
internal static class ChildKinds
{
    /// <summary>The seven kinds a ModelDeployment owns, by plural, with their API group path.</summary>
    public static readonly IReadOnlyDictionary<string, string> Owned = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["networkpolicies"] = "/apis/networking.k8s.io/v1",
        ["serviceaccounts"] = "/api/v1",
        ["roles"] = "/apis/rbac.authorization.k8s.io/v1",
        ["rolebindings"] = "/apis/rbac.authorization.k8s.io/v1",
        ["secrets"] = "/api/v1",
        ["services"] = "/api/v1",
        ["deployments"] = "/apis/apps/v1",
    };

    /// <summary>The group path of a resource plural the operator writes, or null when the suite does not know it.</summary>
    public static string? GroupPath(string plural) => plural switch
    {
        "events" => "/apis/events.k8s.io/v1",
        "modeldeployments" => "/apis/aiguard.io/v1alpha1",
        _ => Owned.GetValueOrDefault(plural),
    };

    /// <summary>Every child the operator manages, by kind, with one LIST per kind.</summary>
    public static async Task<Dictionary<string, List<ChildState>>> ListAsync(HttpClient http)
    {
        var children = new Dictionary<string, List<ChildState>>(StringComparer.Ordinal);
        foreach (var (plural, group) in Owned)
        {
            using var document = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri($"{group}/{plural}?{ChildState.Selector}", UriKind.Relative)));
            children[plural] = [.. document.RootElement.GetProperty("items").EnumerateArray().Select(ChildState.From)];
        }

        return children;
    }
}
