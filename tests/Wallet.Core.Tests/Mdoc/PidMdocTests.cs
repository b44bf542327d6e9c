using Wallet.Core.Mdoc;

namespace Wallet.Core.Tests.Mdoc;

/// <summary>The PID Rule Book v1.6 §3.1 mdoc encoding (specs-checklist §12).</summary>
public class PidMdocTests
{
    [Fact]
    public void PID_docType_and_namespace_are_eu_europa_ec_eudi_pid_1_PID_RuleBook_3_1_1()
    {
        PidMdoc.DocType.Should().Be("eu.europa.ec.eudi.pid.1");
        PidMdoc.ToNameSpaces(MdocFixture.Pid()).Keys.Should().Equal("eu.europa.ec.eudi.pid.1");
    }

    [Fact]
    public void PID_elements_use_the_Rule_Book_identifiers_and_CBOR_types_PID_RuleBook_3_1_2()
    {
        var pid = MdocFixture.Pid() with
        {
            Address = new Wallet.Core.Pid.ResidentAddress { Locality = "Köln", PostalCode = "51147", Street = "Heidestraße", HouseNumber = "17" },
            IssuanceDate = new DateOnly(2026, 3, 1),
            FamilyNameAtBirth = "Gabler",
        };

        var elements = PidMdoc.ToNameSpaces(pid)[PidMdoc.NameSpace];

        elements["birth_date"].Kind.Should().Be(CborValueKind.FullDate);
        elements["expiry_date"].Kind.Should().Be(CborValueKind.FullDate);
        elements["issuance_date"].Kind.Should().Be(CborValueKind.FullDate);
        elements["portrait"].Kind.Should().Be(CborValueKind.Bytes);
        elements["nationality"].AsArray().Select(n => n.AsText()).Should().Equal("DE", "FR");
        elements["sex"].AsInteger().Should().Be(2);
        elements["place_of_birth"].AsMap().Select(e => e.Key.AsText()).Should().BeEquivalentTo("country", "locality");
        elements["resident_city"].AsText().Should().Be("Köln");
        elements["resident_postal_code"].AsText().Should().Be("51147");
        elements["resident_street"].AsText().Should().Be("Heidestraße");
        elements["family_name_birth"].AsText().Should().Be("Gabler");
        elements.Keys.Should().NotContain(k => k.Contains("house", StringComparison.Ordinal), "the Rule Book has no mdoc element for the house number");
        elements.Keys.Should().Contain(["family_name", "given_name", "issuing_authority", "issuing_country"]);
    }

    [Fact]
    public void PID_text_longer_than_150_characters_is_refused_PID_RuleBook_3_1_2()
    {
        var act = () => PidMdoc.ToNameSpaces(MdocFixture.Pid() with { FamilyName = new string('a', 151) });

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void PID_place_of_birth_needs_one_member_PID_RuleBook_3_1_4()
    {
        var act = () => PidMdoc.ToNameSpaces(MdocFixture.Pid() with { PlaceOfBirth = new Wallet.Core.Pid.PlaceOfBirth() });

        act.Should().Throw<ArgumentException>();
    }
}
