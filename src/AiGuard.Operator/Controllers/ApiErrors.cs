using System.Globalization;
using System.Net;
using k8s.Autorest;

namespace AiGuard.Operator.Controllers;

/// <summary>
/// ApiErrors sorts API failures: which need a user change (the server rejects what the spec asks for), which ask to
/// come back later (429 with Retry-After), and how to describe them without echoing a request or response body
/// (which for a Secret would hold secret material).
/// </summary>
public static partial class ApiErrors
{
    /// <summary>True for answers that retrying cannot fix: 400 Bad Request, 422 Invalid.</summary>
    public static bool NeedsSpecChange(Exception e) =>
        e is HttpOperationException { Response.StatusCode: HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity };

    /// <summary>True for 409 on a create: an object of that name already exists.</summary>
    public static bool IsAlreadyExists(Exception e) => e is HttpOperationException { Response.StatusCode: HttpStatusCode.Conflict };

    /// <summary>
    /// True for 403 Forbidden: the operator lacks a permission, or (on a Role) the escalation check refused a grant
    /// the operator does not hold. The Status message names what was refused.
    /// </summary>
    public static bool IsForbidden(Exception e) => e is HttpOperationException { Response.StatusCode: HttpStatusCode.Forbidden };

    /// <summary>True for 404 Not Found.</summary>
    public static bool IsNotFound(Exception e) => e is HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound };

    /// <summary>The server's Retry-After for a 429 (or 503), when it sent one.</summary>
    public static TimeSpan? RetryAfter(Exception e)
    {
        if (e is not HttpOperationException { Response: { } response }
            || response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
        {
            return null;
        }

        if (response.Headers.TryGetValue("Retry-After", out var values)
            && values.FirstOrDefault() is { } text
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Clamp(seconds, 1, 300));
        }

        return response.StatusCode == HttpStatusCode.TooManyRequests ? TimeSpan.FromSeconds(1) : null;
    }

    /// <summary>
    /// A short description: the status code and the Status message for rejections and refusals (a 403 names the
    /// verb and resource, or the grants the escalation check refused, so an admin knows what to add), never a body otherwise.
    /// </summary>
    public static string Describe(Exception e) => e switch
    {
        HttpOperationException { Response: { } response } when NeedsSpecChange(e) || IsForbidden(e) =>
            $"the API server answered {(int)response.StatusCode}: {StatusMessage(response.Content)}",
        HttpOperationException { Response: { } response } => $"the API server answered {(int)response.StatusCode} {response.ReasonPhrase}",
        HttpRequestException => $"the API server could not be reached ({e.GetType().Name})",
        TaskCanceledException or TimeoutException => "the API request timed out",
        _ => e.GetType().Name,
    };

    private const int MessageCap = 600;

    [System.Text.RegularExpressions.GeneratedRegex(@" \(groups=\[[^\]]*\]\)")]
    private static partial System.Text.RegularExpressions.Regex GroupList();

    // A rejection's Status.message names fields and values of the object; the operator only sends Secrets whose
    // values the server does not echo in validation messages, and the text is capped.
    private static string StatusMessage(string? content)
    {
        if (string.IsNullOrEmpty(content))
        {
            return "no details";
        }

        try
        {
            var status = k8s.KubernetesJson.Deserialize<k8s.Models.V1Status>(content);
            // The escalation check's message lists the requester's groups before the refused grants; the grants are
            // what an admin needs, so the groups go and the rest stays on one line.
            var message = GroupList().Replace(status?.Message ?? "no details", "").ReplaceLineEndings(" ");
            return message.Length > MessageCap ? message[..MessageCap] : message;
        }
        catch (System.Text.Json.JsonException)
        {
            return "no details";
        }
    }
}
