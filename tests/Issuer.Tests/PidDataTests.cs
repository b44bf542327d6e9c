using System.Text.Json;
using Microsoft.Extensions.Options;
using Wallet.Issuer.Options;
using Wallet.Issuer.Pid;

namespace Wallet.Issuer.Tests;

/// <summary>The synthetic register and the reader of inline PID claims.</summary>
public sealed class PidDataTests
{
    [Theory]
    [InlineData(1969, null, null, "1969-01-01")]
    [InlineData(1969, 7, null, "1969-07-01")]
    [InlineData(1969, 7, 14, "1969-07-14")]
    public void Partial_birth_date_is_completed_to_the_first_day_of_the_unknown_period(int year, int? month, int? day, string expected)
    {
        var date = new RegisterBirthDate(year, month, day);

        date.ToPidDate().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).Should().Be(expected);
        date.IsPartial.Should().Be(month is null || day is null);
    }

    [Fact]
    public void Register_covers_the_required_edge_cases_and_every_person_is_valid_PID_RuleBook_2()
    {
        var options = new IssuerOptions();
        var persons = SqlitePersonRegister.SeedPersons(options.IssuingAuthority, options.IssuingCountry);

        persons.Should().Contain(p => p.Data.PersonalAdministrativeNumber == null);
        persons.Should().Contain(p => p.Data.Nationalities.Contains("QS"));
        persons.Should().Contain(p => p.BirthDate.IsPartial);
        persons.Should().Contain(p => p.Data.BirthDate > DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-18));
        persons.Should().OnlyContain(p => p.Data.Validate().Count == 0);
    }

    [Fact]
    public void Inline_claims_problems_name_the_claim_never_the_value()
    {
        using var document = JsonDocument.Parse("""{"family_name":"Secretname","given_name":5,"birthdate":"03.02.2001","place_of_birth":"Oslo","nationalities":["NO"]}""");

        PidClaimsReader.TryRead(document.RootElement, "Authority", "NO", out var pid, out var problems).Should().BeFalse();

        pid.Should().BeNull();
        problems.Should().Contain(p => p.Contains("'given_name'", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("'birthdate'", StringComparison.Ordinal));
        problems.Should().Contain(p => p.Contains("'place_of_birth'", StringComparison.Ordinal));
        string.Join(" ", problems).Should().NotContain("Secretname").And.NotContain("03.02.2001");
    }
}
