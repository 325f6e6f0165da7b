using System.Globalization;
using System.Text.RegularExpressions;
using AiGuard.Sandbox;

namespace AiGuard.EndToEnd.Tests.Permissions;

/// <summary>
/// The sandbox's <c>apiserver_request_total</c> as a scraper sees it (GET /metrics with the admin token), read for the
/// answers with <c>code="403"</c>: every request the API server refused for lack of a permission.
/// </summary>
internal static partial class ApiServerMetrics
{
    /// <summary>Every series answered 403, as its label set with the count, e.g. <c>{code="403",resource="leases",...} 2</c>.</summary>
    public static async Task<IReadOnlyList<string>> ForbiddenAsync(SandboxServer sandbox)
    {
        using var http = sandbox.CreateHttpClient();
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return [.. text.Split('\n')
            .Select(line => Series().Match(line))
            .Where(m => m.Success && m.Groups["labels"].Value.Contains("code=\"403\"", StringComparison.Ordinal)
                && double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture) > 0)
            .Select(m => m.Groups["labels"].Value + " " + m.Groups["value"].Value)];
    }

    [GeneratedRegex(@"^apiserver_request_total(?<labels>\{[^}]*\}) (?<value>\S+)$")]
    private static partial Regex Series();
}
