using k8s.Models;

namespace AiGuard.Operator.Runtime;

/// <summary>
/// KubernetesApiException is an error answer of the API server (an HTTP error status, or a watch ERROR event),
/// with the <c>code</c> and <c>reason</c> of its Status object. <see cref="IsGone"/> (410) means the requested
/// resourceVersion is too old: the cache must list again.
/// </summary>
public sealed class KubernetesApiException : Exception
{
    /// <summary>Creates an exception for an answer with HTTP <paramref name="code"/>.</summary>
    public KubernetesApiException(int code, string? reason, string message)
        : base($"the API server answered {code}{(string.IsNullOrEmpty(reason) ? string.Empty : " " + reason)}: {message}")
    {
        Code = code;
        Reason = reason;
    }

    /// <summary>Creates an exception without a status code (0).</summary>
    public KubernetesApiException()
        : this(0, null, "unknown error")
    {
    }

    /// <summary>
    /// Creates an exception for an answer that broke the protocol (a watch event without an object, a body that never
    /// ends): no status code (0), and the message alone, since the server answered no error.
    /// </summary>
    public KubernetesApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception without a status code (0).</summary>
    public KubernetesApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>HTTP status code of the answer (Status.code); 0 when unknown.</summary>
    public int Code { get; }

    /// <summary>Status.reason, e.g. <c>Expired</c>, <c>NotFound</c>, <c>Forbidden</c>.</summary>
    public string? Reason { get; }

    /// <summary>True for 410 Gone: the resourceVersion is no longer in the server's history.</summary>
    public bool IsGone => Code == 410;

    /// <summary>The exception for a Status object (e.g. the object of a watch ERROR event).</summary>
    public static KubernetesApiException FromStatus(V1Status? status) =>
        new(status?.Code ?? 0, status?.Reason, status?.Message ?? "watch error without a message");
}
