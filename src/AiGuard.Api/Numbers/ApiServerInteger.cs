using System.Text.Json;

namespace AiGuard.Api.Numbers;

/// <summary>
/// Reads a JSON number that a CRD schema admitted as <c>type: integer</c>, in any form it admits: <c>1.0</c>,
/// <c>1e3</c> and <c>100.00</c> are integers to the schema (an integral value), and a <c>format: int32</c> field
/// without bounds holds any int64, because the API server does not check integer formats. System.Text.Json reads none
/// of these into an <see cref="int"/> or <see cref="long"/>, and one such object fails the whole LIST of its kind.
/// Values beyond the target type saturate at its bounds: only unbounded fields (status counts and generations) can
/// hold them, and the nearest representable value keeps every comparison the operator makes on them in order.
/// </summary>
internal static class ApiServerInteger
{
    /// <summary>The current number token as an integral value, saturated to the range of a long; null when it has a fraction.</summary>
    public static long? Read(ref Utf8JsonReader reader)
    {
        if (reader.TryGetInt64(out var exact))
        {
            return exact;
        }

        // Otherwise a float64, as the API server decodes it (so 1.00000000000000000001 is the integer 1 there too).
        return reader.TryGetDouble(out var wide) && double.IsFinite(wide) && wide == Math.Floor(wide)
            ? long.CreateSaturating(wide)
            : null;
    }
}
