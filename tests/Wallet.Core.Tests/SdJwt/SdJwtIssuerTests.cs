using System.Text.Json.Nodes;
using Wallet.Core.Claims;
using Wallet.Core.Jose;
using Wallet.Core.SdJwt;

namespace Wallet.Core.Tests.SdJwt;

/// <summary>Issuance (RFC 9901 §4) and holder selection (§7.2) rules.</summary>
public class SdJwtIssuerTests
{
    private readonly SigningKey _issuer = SigningKey.Generate();

    private static JsonObject Claims() => new()
    {
        ["iss"] = "https://issuer.example",
        ["name"] = "Kari",
        ["name_birth"] = "Hansen",
        ["address"] = new JsonObject { ["locality"] = "Oslo", ["postal_code"] = "0150" },
        ["nationalities"] = new JsonArray("NO", "SE", "DK"),
    };

    [Fact]
    public void Salts_are_128_bit_random_and_never_repeat_RFC9901_9_3()
    {
        var disclosures = Enumerable.Range(0, 20).SelectMany(_ => Issue([ClaimPath.Of("name"), ClaimPath.Of("address", "locality")]).Disclosures).ToArray();

        disclosures.Select(d => d.Salt).Should().OnlyHaveUniqueItems();
        disclosures.Should().OnlyContain(d => System.Buffers.Text.Base64Url.DecodeFromChars(d.Salt).Length >= 16);
    }

    [Fact]
    public void Every_sd_array_gets_decoys_within_the_configured_range_RFC9901_4_2_5()
    {
        var sdJwt = Issue([ClaimPath.Of("name")], new SdJwtIssuanceOptions { MinDecoyDigests = 2, MaxDecoyDigests = 2 });

        sdJwt.IssuerSignedJwt.Payload.GetProperty("_sd").GetArrayLength().Should().Be(3, "one real digest and two decoys");
        sdJwt.Disclosures.Should().ContainSingle();
    }

    [Fact]
    public void Digest_order_does_not_follow_claim_order_RFC9901_4_2_4_1()
    {
        var orders = new HashSet<string>();
        for (var i = 0; i < 30; i++)
        {
            var sdJwt = Issue([ClaimPath.Of("name"), ClaimPath.Of("name_birth"), ClaimPath.Of("iss")], new SdJwtIssuanceOptions { MinDecoyDigests = 0, MaxDecoyDigests = 0 });
            var digests = sdJwt.IssuerSignedJwt.Payload.GetProperty("_sd").EnumerateArray().Select(e => e.GetString()!).ToList();
            orders.Add(string.Join(",", sdJwt.Disclosures.Select(d => digests.IndexOf(d.ComputeDigest(SdHashAlgorithm.Sha256)))));
        }

        orders.Count.Should().BeGreaterThan(1, "30 issuances with 3 digests all in one order would mean the order is not random");
    }

    [Fact]
    public void Array_elements_become_dot_dot_dot_digests_in_place_RFC9901_4_2_4_2()
    {
        var sdJwt = Issue([new ClaimPath([ClaimPathSegment.Member("nationalities"), ClaimPathSegment.Element(1)])]);

        var array = sdJwt.IssuerSignedJwt.Payload.GetProperty("nationalities");
        array[0].GetString().Should().Be("NO");
        array[1].GetProperty("...").GetString().Should().Be(sdJwt.Disclosures.Single().ComputeDigest(SdHashAlgorithm.Sha256));
        array[2].GetString().Should().Be("DK");
        sdJwt.Disclosures.Single().IsArrayElement.Should().BeTrue();
    }

    [Fact]
    public void Selecting_a_claim_and_its_members_gives_recursive_disclosures_RFC9901_6_3()
    {
        var sdJwt = Issue([ClaimPath.Of("address"), ClaimPath.Of("address", "locality"), ClaimPath.Of("address", "postal_code")]);

        sdJwt.IssuerSignedJwt.Payload.TryGetProperty("address", out _).Should().BeFalse();
        var address = sdJwt.Disclosures.Single(d => d.ClaimName == "address");
        address.Value.GetProperty("_sd").GetArrayLength().Should().BeGreaterThanOrEqualTo(2);
        SdJwtHolder.GetDisclosablePaths(sdJwt).Select(p => p.ToString()).Should().BeEquivalentTo("address", "address/locality", "address/postal_code");
    }

    [Theory]
    [InlineData("_sd")]
    [InlineData("...")]
    [InlineData("_sd_alg")]
    public void Claim_with_a_reserved_name_is_refused_RFC9901_4_1(string name)
    {
        var claims = Claims();
        claims[name] = "x";

        var act = () => SdJwtIssuer.Issue(claims, [], _issuer);

        act.Should().Throw<ArgumentException>().WithMessage($"*'{name}'*");
    }

    [Fact]
    public void Selectively_disclosable_path_that_selects_nothing_is_refused()
    {
        var act = () => SdJwtIssuer.Issue(Claims(), [ClaimPath.Of("nmae")], _issuer);

        act.Should().Throw<ArgumentException>().WithMessage("*nmae*");
    }

    [Fact]
    public void Holder_selection_is_by_segment_never_by_string_prefix()
    {
        var sdJwt = Issue([ClaimPath.Of("name"), ClaimPath.Of("name_birth")]);

        var presented = Parse(SdJwtHolder.Present(sdJwt, [ClaimPath.Of("name")]));

        presented.Disclosures.Select(d => d.ClaimName).Should().Equal("name");
    }

    [Fact]
    public void Holder_adds_the_parent_disclosure_of_a_selected_member_and_nothing_else_RFC9901_4_2_6()
    {
        var sdJwt = Issue([ClaimPath.Of("address"), ClaimPath.Of("address", "locality"), ClaimPath.Of("address", "postal_code"), ClaimPath.Of("name")]);

        var presented = Parse(SdJwtHolder.Present(sdJwt, [ClaimPath.Of("address", "postal_code")]));

        presented.Disclosures.Select(d => d.ClaimName).Should().BeEquivalentTo("address", "postal_code");
    }

    [Fact]
    public void Holder_selecting_all_array_elements_discloses_each_of_them()
    {
        var sdJwt = Issue([new ClaimPath([ClaimPathSegment.Member("nationalities"), ClaimPathSegment.AllElements])]);

        var presented = Parse(SdJwtHolder.Present(sdJwt, [new ClaimPath([ClaimPathSegment.Member("nationalities"), ClaimPathSegment.AllElements])]));

        presented.Disclosures.Select(d => d.Value.GetString()).Should().BeEquivalentTo("NO", "SE", "DK");
    }

    [Fact]
    public void Holder_refuses_an_sd_jwt_that_already_has_key_binding_RFC9901_7_2()
    {
        var holder = SigningKey.Generate();
        var withKb = SdJwtHolder.Present(Issue([ClaimPath.Of("name")]), [], new KeyBindingOptions(holder, "aud", "nonce"));

        var act = () => SdJwtHolder.Present(Parse(withKb), []);

        act.Should().Throw<ArgumentException>().WithMessage("*KB-JWT*");
    }

    [Fact]
    public void Holder_refuses_a_path_that_selects_no_claim()
    {
        var act = () => SdJwtHolder.Present(Issue([ClaimPath.Of("name")]), [ClaimPath.Of("missing")]);

        act.Should().Throw<ArgumentException>().WithMessage("*missing*");
    }

    private Wallet.Core.SdJwt.SdJwt Issue(ClaimPath[] disclosable, SdJwtIssuanceOptions? options = null) =>
        Parse(SdJwtIssuer.Issue(Claims(), disclosable, _issuer, options));

    private static Wallet.Core.SdJwt.SdJwt Parse(string compact)
    {
        Wallet.Core.SdJwt.SdJwt.TryParse(compact, SdJwtLimits.Default, out var sdJwt, out var error).Should().BeTrue(error?.ToString());
        return sdJwt!;
    }
}
