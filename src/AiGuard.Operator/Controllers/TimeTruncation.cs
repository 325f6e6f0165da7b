namespace AiGuard.Operator.Controllers;

/// <summary>TimeTruncation drops sub-second precision: RFC 3339 timestamps in the API keep whole seconds.</summary>
public static class TimeTruncation
{
    /// <summary>The time with its fraction of a second removed.</summary>
    public static DateTime TruncateToSeconds(this DateTime time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), time.Kind);
}
