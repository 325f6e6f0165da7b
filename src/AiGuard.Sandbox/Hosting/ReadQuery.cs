using System.Globalization;
using AiGuard.Sandbox.Handlers;
using Microsoft.AspNetCore.Http;

namespace AiGuard.Sandbox.Hosting;

/// <summary>
/// The query values of GET, LIST and WATCH that must be numbers or one of a few words. A value that does not
/// decode is 400 BadRequest naming the parameter (kube-apiserver's decode errors); one that decodes but is not
/// allowed is 422 Invalid ListOptions, as kube-apiserver's ListOptions validation answers.
/// </summary>
internal static class ReadQuery
{
    private static readonly string[] ResourceVersionMatches = ["Exact", "NotOlderThan"];

    /// <summary>The resourceVersion asked for, or null when absent; garbage is 400 "invalid resource version".</summary>
    public static long? ResourceVersion(IQueryCollection query)
    {
        var text = query["resourceVersion"].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rv)
            ? rv
            : throw ApiException.BadRequest(
                $"invalid resource version: resourceVersion: Invalid value: \"{OptionsError.Printable(text)}\": must be an unsigned integer");
    }

    /// <summary>"Exact", "NotOlderThan" or empty; anything else is 422 like ListOptions validation.</summary>
    public static string ResourceVersionMatch(IQueryCollection query)
    {
        var match = query["resourceVersionMatch"].ToString();
        if (match.Length > 0 && !ResourceVersionMatches.Contains(match, StringComparer.Ordinal))
        {
            OptionsError.ThrowIfAny("ListOptions", [OptionsError.NotSupported("resourceVersionMatch", match, ResourceVersionMatches)]);
        }

        return match;
    }

    /// <summary>The page size; 0 when absent (everything). Negative or non-numeric is 400.</summary>
    public static int Limit(IQueryCollection query) => NonNegative(query, "limit") is { } limit ? (int)Math.Min(limit, int.MaxValue) : 0;

    /// <summary>A watch's timeout in seconds, or null when absent. Negative or non-numeric is 400.</summary>
    public static long? TimeoutSeconds(IQueryCollection query) => NonNegative(query, "timeoutSeconds");

    private static long? NonNegative(IQueryCollection query, string parameter)
    {
        var text = query[parameter].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiException.BadRequest($"invalid {parameter} \"{OptionsError.Printable(text)}\": must be a non-negative integer");
    }
}
