namespace AiGuard.Api.Times;

/// <summary>
/// Reads a <c>format: date-time</c> value the way the API server accepts it, so that every time a CRD field can hold
/// is one the operator can read. The API server checks such fields with kube-openapi's strfmt <c>IsDateTime</c>, which
/// is looser than the RFC 3339 layouts KubernetesClient reads: the text is lower-cased and split at <c>t</c>, the
/// fraction may have any number of digits after any one character (<c>,5</c>), and the offset is any <c>±hh:mm</c>.
/// So <c>2027-01-01t00:00:00z</c> is stored as written, and a reader that refuses it refuses the whole LIST it is in.
/// Times outside <see cref="DateTime"/> (year 0, or pushed past 9999 by an offset) are clamped to its range.
/// The parse allocates nothing: every cached object's timestamps pass through it.
/// </summary>
public static class ApiServerDateTime
{
    private const long DaysFromYearOneToUnixEpoch = 719_162;

    /// <summary>The UTC time <paramref name="text"/> stands for, when the API server would accept it as a date-time.</summary>
    public static bool TryParse(string text, out DateTime utc) => TryParse(text.AsSpan(), out utc);

    /// <inheritdoc cref="TryParse(string, out DateTime)"/>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTime utc)
    {
        utc = default;
        if (text.Length < 4)
        {
            return false;
        }

        // strfmt's reading: lower-case, then the date before the first 't' and the time between it and the next.
        var split = text.IndexOfAny('t', 'T');
        if (split < 0)
        {
            return false;
        }

        var date = text[..split];
        var time = text[(split + 1)..];
        if (time.IndexOfAny('t', 'T') is var next and >= 0)
        {
            time = time[..next];
        }

        if (date.Length != 10 || date[4] != '-' || date[7] != '-'
            || !AsciiNumber(date[..4], out var year) || !AsciiNumber(date[5..7], out var month) || !AsciiNumber(date[8..], out var day)
            || month is < 1 or > 12 || day < 1 || day > DaysIn(year, month))
        {
            return false;
        }

        if (time.Length < 9 || time[2] != ':' || time[5] != ':'
            || !AsciiNumber(time[..2], out var hour) || !AsciiNumber(time[3..5], out var minute) || !AsciiNumber(time[6..8], out var second)
            || hour > 23 || minute > 59 || second > 59
            || !TryFractionAndZone(time[8..], out var fractionTicks, out var offsetTicks))
        {
            return false;
        }

        var ticks = (DaysFromCivil(year, month, day) * TimeSpan.TicksPerDay)
            + (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute) + (second * TimeSpan.TicksPerSecond)
            + fractionTicks - offsetTicks;
        utc = new DateTime(Math.Clamp(ticks, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc);
        return true;
    }

    // strfmt's `(.[0-9]+)?(z|[+-][0-9]{2}:[0-9]{2})$` as RE2 reads it: '.' is any character but a newline, '$' the end.
    private static bool TryFractionAndZone(ReadOnlySpan<char> rest, out long fractionTicks, out long offsetTicks)
    {
        fractionTicks = 0;
        if (TryZone(rest, out offsetTicks))
        {
            return true;
        }

        if (rest.Length < 3 || rest[0] == '\n')
        {
            return false;
        }

        var digits = rest[1..];
        var count = 0;
        while (count < digits.Length && char.IsAsciiDigit(digits[count]))
        {
            count++;
        }

        if (count == 0 || !TryZone(digits[count..], out offsetTicks))
        {
            return false;
        }

        // The first seven digits are ticks; Go keeps nanoseconds, .NET a tenth of a microsecond.
        for (var i = 0; i < 7; i++)
        {
            fractionTicks = (fractionTicks * 10) + (i < count ? digits[i] - '0' : 0);
        }

        return true;
    }

    private static bool TryZone(ReadOnlySpan<char> zone, out long offsetTicks)
    {
        offsetTicks = 0;
        if (zone is ['z' or 'Z'])
        {
            return true;
        }

        if (zone.Length != 6 || zone[0] is not ('+' or '-') || zone[3] != ':'
            || !AsciiNumber(zone[1..3], out var hours) || !AsciiNumber(zone[4..], out var minutes))
        {
            return false;
        }

        offsetTicks = ((hours * TimeSpan.TicksPerHour) + (minutes * TimeSpan.TicksPerMinute)) * (zone[0] == '+' ? 1 : -1);
        return true;
    }

    // ASCII digits only, as RE2's [0-9]: full-width and other Unicode digits are no digits to the API server.
    private static bool AsciiNumber(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

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
}
