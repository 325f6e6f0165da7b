using System.Text.RegularExpressions;
using AiGuard.Api.Schema;

namespace AiGuard.Engine.Waivers;

/// <summary>ControlIdFormat checks the <c>AIG-AREA-NN</c> shape shared by exceptions and policy overrides.</summary>
internal static partial class ControlIdFormat
{
    public static bool IsMatch(string value) => Pattern().IsMatch(value);

    [GeneratedRegex(Patterns.ControlId, RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
