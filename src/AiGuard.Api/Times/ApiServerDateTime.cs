using System.Globalization;
using System.Text.RegularExpressions;

namespace AiGuard.Api.Times;

/// <summary>
/// Reads a <c>format: date-time</c> value the way the API server accepts it, so that every time a CRD field can hold
/// is one the operator can read. The API server checks such fields with kube-openapi's strfmt <c>IsDateTime</c>, which
/// is looser than the RFC 3339 layouts KubernetesClient reads: the text is lower-cased and split at <c>t</c>, the
/// fraction may have any number of digits after any one character (<c>,5</c>), and the offset is any <c>±hh:mm</c>.
/// So <c>2027-01-01t00:00:00z</c> is stored as written, and a reader that refuses it refuses the whole LIST it is in.
/// Times outside <see cref="DateTime"/> (year 0, or pushed past 9999 by an offset) are clamped to its range.
/// </summary>
public static partial class ApiServerDateTime
{
    private const long DaysFromYearOneToUnixEpoch = 719_162;

    /// <summary>The UTC time <paramref name="text"/> stands for, when the API server would accept it as a date-time.</summary>
    public static bool TryParse(string text, out DateTime utc)
    {
        utc = default;
        if (text.Length < 4)
        {
            return false;
        }

        // strfmt's reading, step by step: lower-case, the date before the first 't', the time between it and the next.
        var parts = text.ToLowerInvariant().Split('t');
        if (parts.Length < 2)
        {
            return false;
        }

        var date = Date().Match(parts[0]);
        var time = Time().Match(parts[1]);
        if (!date.Success || !time.Success)
        {
            return false;
        }

        var year = Number(date.Groups["year"]);
        var month = Number(date.Groups["month"]);
        var day = Number(date.Groups["day"]);
        var hour = Number(time.Groups["hour"]);
        var minute = Number(time.Groups["minute"]);
        var second = Number(time.Groups["second"]);
        if (month is < 1 or > 12 || day < 1 || day > DaysIn(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var ticks = (DaysFromCivil(year, month, day) * TimeSpan.TicksPerDay)
            + (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute) + (second * TimeSpan.TicksPerSecond)
            + FractionTicks(time.Groups["fraction"].Value);
        if (time.Groups["sign"].Success)
        {
            var offset = (Number(time.Groups["offsetHours"]) * TimeSpan.TicksPerHour) + (Number(time.Groups["offsetMinutes"]) * TimeSpan.TicksPerMinute);
            ticks -= time.Groups["sign"].Value == "+" ? offset : -offset;
        }

        utc = new DateTime(Math.Clamp(ticks, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc);
        return true;
    }

    private static int Number(Group group) => int.Parse(group.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

    // The first seven digits are ticks; Go keeps nanoseconds, .NET a tenth of a microsecond.
    private static long FractionTicks(string digits) =>
        digits.Length == 0 ? 0 : long.Parse(digits.Length >= 7 ? digits[..7] : digits.PadRight(7, '0'), NumberStyles.None, CultureInfo.InvariantCulture);

    private static int DaysIn(int year, int month) => month switch
    {
        2 => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    // Days from 0001-01-01 in the proleptic Gregorian calendar, negative for year 0 (H. Hinnant's days_from_civil).
    private static long DaysFromCivil(int year, int month, int day)
    {
        long y = month <= 2 ? year - 1 : year;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yearOfEra = y - (era * 400);
        var dayOfYear = ((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146_097) + dayOfEra - 719_468 + DaysFromYearOneToUnixEpoch;
    }

    [GeneratedRegex(@"^(?<year>[0-9]{4})-(?<month>[0-9]{2})-(?<day>[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Date();

    // strfmt's time pattern as RE2 reads it: '.' is any character but a newline, '$' the end of the text.
    [GeneratedRegex(
        @"^(?<hour>[0-9]{2}):(?<minute>[0-9]{2}):(?<second>[0-9]{2})(?:.(?<fraction>[0-9]+))?(?:z|(?<sign>[+-])(?<offsetHours>[0-9]{2}):(?<offsetMinutes>[0-9]{2}))\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Time();
}
