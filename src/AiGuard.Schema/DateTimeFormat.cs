using System.Text.RegularExpressions;

namespace AiGuard.Schema;

/// <summary>
/// <c>format: date-time</c> as the API server checks it (kube-openapi's strfmt <c>IsDateTime</c>), which is looser
/// than RFC 3339 in some ways and stricter in others: the text is lower-cased and split at <c>t</c>; the part before
/// must be a calendar date (<c>2027-02-30</c> is not); the part after is <c>hh:mm:ss</c>, any number of fraction
/// digits after any one character, then <c>z</c> or <c>±hh:mm</c>, with hours up to 23 and minutes and seconds up to
/// 59. So Go's nanosecond timestamps and a lower-case <c>t</c>/<c>z</c> pass, a leap second does not.
/// </summary>
internal static partial class DateTimeFormat
{
    public static bool IsDateTime(string text)
    {
        if (text.Length < 4)
        {
            return false;
        }

        var parts = text.ToLowerInvariant().Split('t');
        if (parts.Length < 2 || !IsDate(parts[0]))
        {
            return false;
        }

        var time = Time().Match(parts[1]);
        return time.Success
            && string.CompareOrdinal(time.Groups[1].Value, "23") <= 0
            && string.CompareOrdinal(time.Groups[2].Value, "59") <= 0
            && string.CompareOrdinal(time.Groups[3].Value, "59") <= 0;
    }

    /// <summary>Go's <c>time.Parse("2006-01-02", …)</c>: four-digit year, two-digit month and day, a real day of that month.</summary>
    private static bool IsDate(string text)
    {
        var date = Date().Match(text);
        if (!date.Success)
        {
            return false;
        }

        var year = int.Parse(date.Groups[1].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture);
        var month = int.Parse(date.Groups[2].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture);
        var day = int.Parse(date.Groups[3].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 && day >= 1 && day <= DaysIn(year, month);
    }

    private static int DaysIn(int year, int month) => month switch
    {
        2 => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    [GeneratedRegex(@"^([0-9]{4})-([0-9]{2})-([0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Date();

    // strfmt's DateTimePattern, read as RE2 reads it: '.' is any character but a newline, '$' the end of the text.
    [GeneratedRegex(@"^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))\z", RegexOptions.CultureInvariant)]
    private static partial Regex Time();
}
