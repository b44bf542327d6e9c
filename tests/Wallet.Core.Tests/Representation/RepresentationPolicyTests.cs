using System.Text.Json.Nodes;
using Wallet.Core.Representation;

namespace Wallet.Core.Tests.Representation;

/// <summary>Issue 13 §1 and §2: "A acts for B with scope S", and one code per failed check.</summary>
public sealed class RepresentationPolicyTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);
    private static readonly PersonAttributes Parent = new("Nordmann", "Kari", new DateOnly(1985, 4, 12));
    private static readonly PersonAttributes Child = new("Nordmann", "Ola", new DateOnly(2014, 6, 30));

    private static PowerOfRepresentation Guardianship(Func<PowerOfRepresentation, PowerOfRepresentation>? change = null)
    {
        var representation = new PowerOfRepresentation
        {
            Nature = RepresentationNatures.ParentalResponsibility,
            Represented = RepresentedParty.NaturalPerson(Child),
            Representative = Parent,
            EServices = ["school-enrolment", "health-records"],
            EffectiveFrom = new DateOnly(2014, 6, 30),
            EffectiveUntil = new DateOnly(2032, 6, 29),
            IssuingAuthority = "Folkeregisteret (test)",
            IssuingCountry = "NO",
        };
        return change is null ? representation : change(representation);
    }

    private static JsonObject Pid(PersonAttributes person) => new()
    {
        ["family_name"] = person.FamilyName,
        ["given_name"] = person.GivenName,
        ["birthdate"] = person.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static RepresentationEvidence Evidence(PowerOfRepresentation? representation = null, PersonAttributes? pidPerson = null, string status = "valid", bool bound = true) =>
        new(Pid(pidPerson ?? Parent), bound, PowerOfRepresentationAttestation.ToClaims(representation ?? Guardianship()), bound, status);

    [Fact]
    public void Parent_with_own_PID_acts_for_the_child_within_the_named_services()
    {
        var decision = RepresentationPolicy.Decide(Evidence(), "school-enrolment", Today, RepresentedParty.NaturalPerson(Child));

        decision.Errors.Should().BeEmpty();
        decision.IsAccepted.Should().BeTrue();
        decision.Statement.Should().Be("Kari Nordmann acts for Ola Nordmann with scope school-enrolment, health-records (parental_responsibility)");
    }

    [Fact]
    public void Full_powers_cover_any_service_and_a_legal_person_can_be_represented()
    {
        var company = Guardianship(r => r with { Nature = RepresentationNatures.LegalPersonRepresentation, Represented = RepresentedParty.LegalPerson("Fjordbåt AS", "999888777"), FullPowers = true, EServices = [], EffectiveUntil = null });

        var decision = RepresentationPolicy.Decide(Evidence(company), "tax-return", Today);

        decision.IsAccepted.Should().BeTrue();
        decision.Statement.Should().Be("Kari Nordmann acts for Fjordbåt AS (999888777) with scope full powers (legal_person_representation)");
    }

    public static TheoryData<string, string> Refusals() => new()
    {
        { "someone-else", RepresentationErrorCodes.RepresentedMismatch },
        { "not-pid-person", RepresentationErrorCodes.RepresentativeNotPidPerson },
        { "expired", RepresentationErrorCodes.Expired },
        { "not-yet", RepresentationErrorCodes.NotYetEffective },
        { "revoked", RepresentationErrorCodes.Revoked },
        { "suspended", RepresentationErrorCodes.Revoked },
        { "unchecked", RepresentationErrorCodes.StatusUnchecked },
        { "scope", RepresentationErrorCodes.ScopeNotCovered },
        { "unbound", RepresentationErrorCodes.HolderBindingMissing },
        { "no-pid", RepresentationErrorCodes.PidMissing },
        { "no-representation", RepresentationErrorCodes.RepresentationMissing },
        { "malformed", RepresentationErrorCodes.Malformed },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Each_failed_check_refuses_with_its_code(string scenario, string code)
    {
        var evidence = scenario switch
        {
            "someone-else" => Evidence(Guardianship(r => r with { Represented = RepresentedParty.NaturalPerson(new PersonAttributes("Hansen", "Per", new DateOnly(2016, 1, 1))) })),
            "not-pid-person" => Evidence(pidPerson: new PersonAttributes("Nordmann", "Kari", new DateOnly(1985, 4, 13))),
            "expired" => Evidence(Guardianship(r => r with { EffectiveUntil = Today.AddDays(-1) })),
            "not-yet" => Evidence(Guardianship(r => r with { EffectiveFrom = Today.AddDays(1) })),
            "revoked" => Evidence(status: "revoked"),
            "suspended" => Evidence(status: "suspended"),
            "unchecked" => Evidence(status: "unchecked"),
            "scope" => Evidence(Guardianship(r => r with { EServices = ["health-records"] })),
            "unbound" => Evidence(bound: false),
            "no-pid" => Evidence() with { Pid = null },
            "no-representation" => Evidence() with { Representation = null },
            "malformed" => Evidence() with { Representation = new JsonObject { ["nature"] = "power_of_attorney" } },
            _ => throw new ArgumentOutOfRangeException(nameof(scenario)),
        };

        var decision = RepresentationPolicy.Decide(evidence, "school-enrolment", Today, RepresentedParty.NaturalPerson(Child));

        decision.IsAccepted.Should().BeFalse();
        decision.Statement.Should().BeNull();
        decision.Errors.Select(e => e.Code).Should().Equal(code);
    }

    [Fact]
    public void Every_failed_check_is_reported_not_only_the_first()
    {
        var evidence = Evidence(Guardianship(r => r with { EServices = [], EffectiveUntil = Today.AddDays(-1) }), pidPerson: Child, status: "revoked");

        var decision = RepresentationPolicy.Decide(evidence, "school-enrolment", Today);

        decision.Errors.Select(e => e.Code).Should().BeEquivalentTo([RepresentationErrorCodes.Revoked, RepresentationErrorCodes.RepresentativeNotPidPerson, RepresentationErrorCodes.ScopeNotCovered, RepresentationErrorCodes.Expired]);
    }

    [Fact]
    public void Both_formats_carry_the_same_attributes_and_read_back_unchanged()
    {
        var representation = Guardianship();
        var key = Wallet.Core.Jose.SigningKey.Generate();

        var claims = PowerOfRepresentationAttestation.ToClaims(representation);
        var mdoc = PowerOfRepresentationAttestation.CreateIssuanceRequest(representation, Wallet.Core.Mdoc.CoseKey.FromJwk(key.PublicJwk), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(30));

        PowerOfRepresentationAttestation.TryRead(claims, out var read, out var problem).Should().BeTrue(problem);
        read.Should().BeEquivalentTo(representation);
        claims["represented_birth_date"]!.GetValue<string>().Should().Be("2014-06-30");
        mdoc.DocType.Should().Be("eu.europa.ec.eudi.por.1");
        mdoc.NameSpaces["eu.europa.ec.eudi.por.1"].Keys.Should().BeEquivalentTo(claims.Select(c => c.Key));
        mdoc.NameSpaces["eu.europa.ec.eudi.por.1"]["represented_birth_date"].ToString().Should().Be("1004(\"2014-06-30\")", "full-date, RFC 8943");
    }

    [Fact]
    public void Query_asks_for_PID_and_representation_together_in_one_credential_set_in_either_format_OpenID4VP_6_2()
    {
        var query = RepresentationPolicy.Query();

        query.Credentials.Select(c => c.Id).Should().Equal("pid", "representation", "pid_mdoc", "representation_mdoc");
        query.CredentialSets.Should().ContainSingle();
        query.Json.GetProperty("credential_sets")[0].GetProperty("options").GetRawText().Should().Be("""[["pid","representation"],["pid_mdoc","representation_mdoc"],["pid","representation_mdoc"],["pid_mdoc","representation"]]""");
        query.Json.GetProperty("credentials")[1].GetProperty("meta").GetProperty("vct_values")[0].GetString().Should().Be("urn:eu.europa.ec.eudi:por:1");
        query.Json.GetProperty("credentials")[2].GetProperty("meta").GetProperty("doctype_value").GetString().Should().Be("eu.europa.ec.eudi.pid.1");
        query.Json.GetProperty("credentials")[3].GetProperty("meta").GetProperty("doctype_value").GetString().Should().Be("eu.europa.ec.eudi.por.1");
    }

    [Fact]
    public void Mdoc_representation_query_asks_for_every_element_in_claim_sets_covering_each_shape_of_attestation_OpenID4VP_6_4_1()
    {
        var mdoc = RepresentationPolicy.Query().Json.GetProperty("credentials")[3];

        // Every claim path is [namespace, element] (B.2.4).
        mdoc.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("path").GetRawText())
            .Should().OnlyContain(p => p.StartsWith("[\"eu.europa.ec.eudi.por.1\",", StringComparison.Ordinal));
        var sets = mdoc.GetProperty("claim_sets").EnumerateArray().Select(s => s.EnumerateArray().Select(e => e.GetString()!).ToHashSet()).ToList();
        sets.Should().HaveCount(8);
        sets[0].Should().Contain(["represented_family_name", "eService", "effective_until_date", "representative_birth_date", "issuing_country"]);
        sets.Should().Contain(s => s.Contains("legal_person_identifier") && !s.Contains("eService") && !s.Contains("effective_until_date") && !s.Contains("represented_family_name"));
        sets.Should().OnlyContain(s => s.Contains("nature") && s.Contains("full_powers") && s.Contains("effective_from_date") && s.Contains("representative_family_name"));
    }
}
