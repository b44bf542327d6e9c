using System.Text.Json.Nodes;
using Wallet.Core.AgeVerification;
using Wallet.Core.Jose;
using Wallet.Core.Mdoc;

namespace Wallet.Core.Tests.AgeVerification;

public sealed class AgeVerificationTests
{
    [Theory]
    [InlineData("2008-12-03", "2026-12-03", true)]
    [InlineData("2008-12-04", "2026-12-03", false)]
    [InlineData("2008-02-29", "2026-02-28", false)]
    [InlineData("2008-02-29", "2026-03-01", true)]
    [InlineData("2004-02-29", "2022-02-28", false)]
    [InlineData("2000-02-29", "2018-02-28", false)]
    public void Age_18_is_reached_on_the_birthday_and_a_29_February_birthday_on_1_March_in_common_years(string birth, string today, bool over)
    {
        AgeStatement.IsAtLeast(DateOnly.Parse(birth), 18, DateOnly.Parse(today)).Should().Be(over);
    }

    [Fact]
    public void Attestation_states_every_age_and_ends_when_a_false_statement_would_become_true()
    {
        var key = SigningKey.Generate(JwsAlgorithm.ES256);
        var issuedAt = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

        var request = AgeVerificationAttestation.CreateIssuanceRequest(new DateOnly(2010, 1, 15), CoseKey.FromJwk(key.PublicJwk), issuedAt, issuedAt.AddDays(90));

        request.DocType.Should().Be("eu.europa.ec.av.1");
        var elements = request.NameSpaces["eu.europa.ec.av.1"];
        elements.Keys.Should().BeEquivalentTo(["age_over_13", "age_over_15", "age_over_16", "age_over_18", "age_over_21"]);
        elements["age_over_16"].Should().Be(CborValue.True);
        elements["age_over_18"].Should().Be(CborValue.False);

        // 16 on 2026-01-15 already; 18 on 2028-01-15 is after 90 days, so the full validity stays.
        request.ValidUntil.Should().Be(issuedAt.AddDays(90));
        var soon = AgeVerificationAttestation.CreateIssuanceRequest(new DateOnly(2008, 12, 20), CoseKey.FromJwk(key.PublicJwk), issuedAt, issuedAt.AddDays(90));
        soon.ValidUntil.Should().Be(new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.Zero), "the holder turns 18 then and the attestation would still say no");
    }

    [Fact]
    public void Age_gate_query_asks_for_one_statement_not_retained_and_is_recognised_by_its_shape()
    {
        var query = AgeGate.Query(18);

        query.Json.GetRawText().Should().Be("""{"credentials":[{"id":"age","format":"mso_mdoc","meta":{"doctype_value":"eu.europa.ec.av.1"},"claims":[{"path":["eu.europa.ec.av.1","age_over_18"],"intent_to_retain":false}]}]}""");
        AgeGate.TryReadAge(query, out var age).Should().BeTrue();
        age.Should().Be(18);
    }

    [Theory]
    [InlineData("""{"credentials":[{"id":"age","format":"mso_mdoc","meta":{"doctype_value":"eu.europa.ec.eudi.pid.1"},"claims":[{"path":["eu.europa.ec.av.1","age_over_18"]}]}]}""")]
    [InlineData("""{"credentials":[{"id":"age","format":"mso_mdoc","meta":{"doctype_value":"eu.europa.ec.av.1"},"claims":[{"path":["eu.europa.ec.av.1","age_over_17"]}]}]}""")]
    [InlineData("""{"credentials":[{"id":"age","format":"mso_mdoc","meta":{"doctype_value":"eu.europa.ec.av.1"},"claims":[{"path":["eu.europa.ec.av.1","age_over_18"]},{"path":["eu.europa.ec.av.1","age_over_21"]}]}]}""")]
    [InlineData("""{"credentials":[{"id":"pid","format":"mso_mdoc","meta":{"doctype_value":"eu.europa.ec.av.1"},"claims":[{"path":["eu.europa.ec.av.1","age_over_18"]}]}]}""")]
    public void Other_queries_are_not_age_gate_queries(string json)
    {
        DcqlQueryOf(json).Should().NotBeNull();
        AgeGate.TryReadAge(DcqlQueryOf(json), out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("eu.europa.ec.av.1", """{"eu.europa.ec.av.1":{"age_over_18":false}}""", AgeGateErrorCodes.UnderAge)]
    [InlineData("eu.europa.ec.av.1", """{"eu.europa.ec.av.1":{"age_over_21":true}}""", AgeGateErrorCodes.StatementMissing)]
    [InlineData("eu.europa.ec.av.1", """{"eu.europa.ec.av.1":{"age_over_18":"true"}}""", AgeGateErrorCodes.StatementMissing)]
    [InlineData("eu.europa.ec.eudi.pid.1", """{"eu.europa.ec.av.1":{"age_over_18":true}}""", AgeGateErrorCodes.WrongDocType)]
    public void Gate_says_no_with_the_reason(string doctype, string claims, string code)
    {
        AgeGate.TryDecide(18, doctype, JsonNode.Parse(claims)!.AsObject(), out var error).Should().BeFalse();
        error!.Code.Should().Be(code);
    }

    [Fact]
    public void Gate_says_yes_to_a_true_statement()
    {
        AgeGate.TryDecide(18, "eu.europa.ec.av.1", JsonNode.Parse("""{"eu.europa.ec.av.1":{"age_over_18":true}}""")!.AsObject(), out var error).Should().BeTrue();
        error.Should().BeNull();
    }

    private static Wallet.Core.Dcql.DcqlQuery DcqlQueryOf(string json) =>
        Wallet.Core.Dcql.DcqlQuery.TryParse(json, out var query, out _) ? query : throw new InvalidOperationException(json);
}
