namespace AiGuard.Sandbox.Limits;

/// <summary>
/// The limits kube-apiserver and etcd put on what a client may send, so hostile or runaway input gets the same
/// answer from the sandbox as from a real cluster and can never exhaust its memory or stack.
/// </summary>
internal static class ApiLimits
{
    /// <summary>kube-apiserver's MaxRequestBodyBytes: larger write bodies are 413 "Request entity too large: limit is 3145728".</summary>
    public const int MaxRequestBodyBytes = 3 * 1024 * 1024;

    /// <summary>etcd's default --max-request-bytes (1.5 MiB): a stored object larger than this is refused.</summary>
    public const int MaxObjectBytes = 1536 * 1024;

    /// <summary>
    /// Deepest nesting of objects and arrays accepted in a body. Go's JSON and YAML decoders stop at 10,000; the
    /// sandbox walks objects recursively, so it stops far earlier (no real manifest comes close).
    /// </summary>
    public const int MaxNestingDepth = 256;

    /// <summary>
    /// How much YAML alias expansion may add to a document (scalar characters plus 16 per node), the sandbox's
    /// counterpart of go-yaml's alias ratio: a billion-laughs body fails long before it costs memory.
    /// </summary>
    public const long MaxAliasExpansion = 1024 * 1024;
}
