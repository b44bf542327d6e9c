using System.Text.Json.Nodes;
using Wallet.Hosting.Statistics;

namespace Wallet.Hosting.Tests.Statistics;

/// <summary>specs/statistics.md, "Age bands".</summary>
public sealed class AgeBandsTests
{
    private static readonly DateOnly On = new(2026, 12, 3);

    [Theory]
    [InlineData(1985, 12, 10, "36-45")]
    [InlineData(2008, 12, 3, "18-25")]   // eighteenth birthday today
    [InlineData(2008, 12, 4, "13-17")]   // tomorrow
    [InlineData(2014, 6, 30, "0-12")]
    [InlineData(1940, 1, 1, "76+")]
    public void A_full_birth_date_gives_the_band_of_the_age_on_the_day(int year, int month, int day, string band) =>
        AgeBands.FromBirthDate(year, month, day, On).Should().Be(band);

    [Theory]
    [InlineData(1969, null, "56-65")]   // 56 or 57 either way
    [InlineData(2008, null, "unknown")] // 17 or 18: straddles a band boundary, never the completed 1 January
    [InlineData(2008, 12, "unknown")]   // 17 or 18 within December
    [InlineData(2008, 11, "18-25")]
    public void A_partial_birth_date_counts_only_when_every_possible_age_is_in_one_band(int year, int? month, string band) =>
        AgeBands.FromBirthDate(year, month, null, On).Should().Be(band);

    [Theory]
    [InlineData("""{"given_name":"x"}""", "not_disclosed")]
    [InlineData("""{"birthdate":"1985-12-10"}""", "36-45")]
    [InlineData("""{"age_equal_or_over":{"18":true}}""", "18+")]
    [InlineData("""{"age_equal_or_over":{"18":false}}""", "0-17")]
    [InlineData("""{"age_equal_or_over":{"18":true,"21":false}}""", "18-25")]
    [InlineData("""{"eu.europa.ec.eudi.pid.1":{"age_over_18":true,"age_over_65":true}}""", "18+")]
    [InlineData("""{"eu.europa.ec.eudi.pid.1":{"birth_date":"2014-06-30"}}""", "0-12")]
    [InlineData("""{"age_equal_or_over":{"18":"yes"}}""", "not_disclosed")]
    public void The_verifier_uses_only_what_was_disclosed(string claims, string band) =>
        AgeBands.FromDisclosedClaims(JsonNode.Parse(claims)!.AsObject(), On).Should().Be(band);
}
