namespace AiGuard.Operator.Hosting;

/// <summary>LogFormat selects how the operator writes its logs.</summary>
public enum LogFormat
{
    /// <summary>JSON in a cluster (where a log collector parses it), console text elsewhere.</summary>
    Auto,

    /// <summary>One compact JSON object per line (Serilog's CompactJsonFormatter, <c>@t</c>, <c>@mt</c>, <c>@l</c>).</summary>
    Json,

    /// <summary>Human-readable lines for a terminal.</summary>
    Console,
}
