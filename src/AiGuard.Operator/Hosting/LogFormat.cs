namespace AiGuard.Operator.Hosting;

/// <summary>LogFormat selects how the operator writes its logs.</summary>
public enum LogFormat
{
    /// <summary>JSON in a cluster (where a log collector parses it), console text elsewhere.</summary>
    Auto,

    /// <summary>One JSON object per line (<see cref="OperatorJsonFormatter"/>: <c>@t</c>, <c>@l</c>, <c>@m</c>, <c>@mt</c>, properties).</summary>
    Json,

    /// <summary>Human-readable lines for a terminal.</summary>
    Console,
}
