using AiGuard.Api.Times;
using AiGuard.Schema;
using CsCheck;

namespace AiGuard.Sandbox.Tests.Schema;

/// <summary>
/// The schema's <c>date-time</c> check (what the sandbox and `aiguard audit` accept, as the API server does) and the
/// reader every aiguard process uses (<see cref="ApiServerDateTime"/>) are two implementations of strfmt's
/// <c>IsDateTime</c>, one per layer (AiGuard.Schema depends on nothing of ours). They must agree on every text: a
/// value the server stores that the operator cannot read fails the operator's whole LIST of that kind.
/// </summary>
public sealed class DateTimeAgreementTests
{
    // Pieces of date-times, right and wrong, so most generated texts sit near the boundary of the format.
    private static readonly Gen<string> Piece = Pick(
        "2027", "0000", "9999", "27", "-", "01", "02", "12", "13", "00", "29", "30", "31", "T", "t", " ", "Z", "z",
        ":", "23", "24", "59", "60", ".", ",", "5", "123456789", "+", "02:00", "99:99", "\n", "x", "２");

    private static readonly Gen<string> Dates = Gen.Select(Gen.Int[0, 9999], Gen.Int[0, 13], Gen.Int[0, 32])
        .Select((year, month, day) => $"{year:0000}-{month:00}-{day:00}");

    private static readonly Gen<string> Times = Gen.Select(Gen.Int[0, 25], Gen.Int[0, 61], Gen.Int[0, 61])
        .Select((hour, minute, second) => $"{hour:00}:{minute:00}:{second:00}");

    private static readonly Gen<string> NearlyDateTimes = Gen.OneOf(
        Gen.Select(Dates, Pick("T", "t", " "), Times, Pick("", ".5", ",123456789", ".", "x1"), Pick("Z", "z", "+02:00", "-99:99", "", "+0200", "Zt", "Z\n"))
            .Select((date, separator, time, fraction, zone) => date + separator + time + fraction + zone),
        Piece.Array[1, 12].Select(string.Concat));

    [Fact]
    public void The_schema_check_and_the_reader_accept_the_same_texts() =>
        NearlyDateTimes.Sample(
            text => DateTimeFormat.IsDateTime(text) == ApiServerDateTime.TryParse(text, out _),
            iter: 20_000);

    [Theory]
    [InlineData("2027-01-01t00:00:00z")]
    [InlineData("2027-01-01T00:00:00.123456789+02:00")]
    [InlineData("2027-02-29T00:00:00Z")]
    [InlineData("2027-01-01T00:00:00ZT")]
    public void Agree_on_the_edges_the_generator_aims_at(string text) =>
        Assert.Equal(DateTimeFormat.IsDateTime(text), ApiServerDateTime.TryParse(text, out _));

    private static Gen<string> Pick(params string[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);
}
