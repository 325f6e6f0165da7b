using AiGuard.Api.Exceptions;
using AiGuard.Api.Times;
using k8s;

namespace AiGuard.Api.Tests.Times;

/// <summary>
/// Every date-time the API server stores in a CRD field (kube-openapi strfmt's <c>IsDateTime</c>) is read, at the
/// instant it names; anything else is left to KubernetesClient. One unreadable GuardException used to fail the
/// operator's whole GuardException LIST, so a namespace admin could keep the operator from ever becoming ready.
/// </summary>
public sealed class ApiServerDateTimeTests
{
    [Theory]
    [InlineData("2027-01-01T00:00:00Z", "2027-01-01T00:00:00.0000000Z")]
    [InlineData("2027-01-01t00:00:00z", "2027-01-01T00:00:00.0000000Z")] // strfmt lower-cases before it splits at 't'
    [InlineData("2027-01-01T12:30:45.123456789Z", "2027-01-01T12:30:45.1234567Z")] // Go's nanoseconds, cut to ticks
    [InlineData("2027-01-01T12:30:45,5Z", "2027-01-01T12:30:45.5000000Z")] // any one character before the fraction
    [InlineData("2027-01-01T12:30:45.5+02:00", "2027-01-01T10:30:45.5000000Z")]
    [InlineData("2027-01-01T00:30:00-01:45", "2027-01-01T02:15:00.0000000Z")]
    [InlineData("2027-01-01T00:00:00+99:99", "2026-12-27T19:21:00.0000000Z")] // strfmt checks the offset's digits only
    [InlineData("2024-02-29T00:00:00Z", "2024-02-29T00:00:00.0000000Z")]
    [InlineData("2027-01-01T00:00:00ZT-anything", "2027-01-01T00:00:00.0000000Z")] // strfmt reads up to the second 't'
    [InlineData("2027-01-01T12:30:45.123456789012345678901234567890123456789012345678901234567890Z", "2027-01-01T12:30:45.1234567Z")] // past the converter's stack buffer
    public void Reads_what_the_api_server_accepts_at_the_instant_it_names(string text, string expected)
    {
        Assert.True(ApiServerDateTime.TryParse(text, out var utc));

        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(expected, utc.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(utc, KubernetesJson.Deserialize<GuardExceptionSpec>($$"""{"expiresAt":{{System.Text.Json.JsonSerializer.Serialize(text)}}}""").ExpiresAt);
    }

    [Theory]
    [InlineData("0000-01-01T00:00:00Z")] // year 0: Go reads it, DateTime cannot hold it
    [InlineData("0001-01-01T00:00:00+01:00")]
    public void A_time_before_year_one_is_the_earliest_time(string text)
    {
        Assert.True(ApiServerDateTime.TryParse(text, out var utc));
        Assert.Equal(DateTime.MinValue, utc);
    }

    [Fact]
    public void A_time_an_offset_pushes_past_9999_is_the_latest_time()
    {
        Assert.True(ApiServerDateTime.TryParse("9999-12-31T23:59:59-01:00", out var utc));
        Assert.Equal(DateTime.MaxValue, utc);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2027-01-01")] // no time
    [InlineData("2027-02-30T00:00:00Z")] // no such day
    [InlineData("2027-13-01T00:00:00Z")]
    [InlineData("2027-01-01T24:00:00Z")]
    [InlineData("2027-01-01T23:60:00Z")]
    [InlineData("2027-01-01T23:59:60Z")] // strfmt refuses a leap second
    [InlineData("2027-01-01 00:00:00Z")] // a space, not 't'
    [InlineData("2027-01-01T00:00:00")] // no zone
    [InlineData("2027-01-01T00:00:00Z\n")] // RE2's '$' is the end of the text
    [InlineData("2027-01-01T00:00:00+0200")]
    [InlineData("27-01-01T00:00:00Z")]
    [InlineData("２０２７-01-01T00:00:00Z")] // full-width digits are no digits to RE2
    public void Refuses_what_the_api_server_refuses(string text) =>
        Assert.False(ApiServerDateTime.TryParse(text, out _));

    [Fact]
    public void A_guard_exception_with_a_lower_case_expiry_is_read_through_kubernetes_json()
    {
        var exception = KubernetesJson.Deserialize<GuardException>(
            """{"apiVersion":"aiguard.io/v1alpha1","kind":"GuardException","metadata":{"name":"e","namespace":"ns"},"spec":{"expiresAt":"2027-01-01t00:00:00.5z"}}""");

        Assert.Equal(new DateTime(2027, 1, 1, 0, 0, 0, 500, DateTimeKind.Utc), exception.Spec!.ExpiresAt);
    }

    [Fact]
    public void Writes_exactly_as_kubernetes_client_did()
    {
        var json = KubernetesJson.Serialize(new GuardExceptionSpec { ExpiresAt = new DateTime(2027, 1, 1, 0, 0, 0, 500, DateTimeKind.Utc) });

        Assert.Contains("\"expiresAt\":\"2027-01-01T00:00:00.500000Z\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_no_date_time_still_fails_with_kubernetes_clients_error()
    {
        var error = Assert.ThrowsAny<Exception>(() =>
            KubernetesJson.Deserialize<GuardExceptionSpec>("""{"expiresAt":"next tuesday"}"""));

        Assert.Contains("next tuesday", error.Message, StringComparison.Ordinal);
    }
}
