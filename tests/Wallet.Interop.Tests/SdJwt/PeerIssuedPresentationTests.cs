using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Wallet.Core.Claims;
using Wallet.Core.Jose;
using Wallet.Core.SdJwt;
using Wallet.Core.SdJwtVc;

namespace Wallet.Interop.Tests.SdJwt;

/// <summary>sd-jwt-js issues and presents an SD-JWT VC with a KB-JWT; Wallet.Core verifies it.</summary>
public sealed class PeerIssuedPresentationTests : IDisposable
{
    private readonly InteropPki _pki = new();
    private readonly SdJwtPeer _peer = new();

    [Theory]
    [InlineData("jwk", "sha-256")]
    [InlineData("x5c", "sha-256")]
    [InlineData("x5c with an intermediate CA", "sha-256")]
    [InlineData("jwk", "sha-384")]
    [InlineData("jwk", "sha-512")]
    public async Task Peer_presentation_with_kb_jwt_verifies_with_exactly_the_disclosed_claims_RFC9901_7_3(string issuerKeySource, string sdAlg)
    {
        var fromX5c = issuerKeySource.StartsWith("x5c", StringComparison.Ordinal);
        using var pki = new InteropPki(withIntermediate: issuerKeySource.Contains("intermediate", StringComparison.Ordinal));
        var peer = await _peer.IssueAndPresentAsync(new PeerIssuance { Pki = fromX5c ? pki : null, HashAlgorithm = sdAlg });

        var result = await Verifier(fromX5c ? null : peer.IssuerPublicJwk, pki).VerifyAsync(peer.Presentation, Expectation());

        result.Errors.Should().BeEmpty();
        result.IsValid.Should().BeTrue();
        result.HolderBinding.IsVerified.Should().BeTrue();
        result.Vct.Should().Be(InteropCredential.Vct);
        var subject = InteropCredential.SubjectClaims(result.Claims!);
        JsonNode.DeepEquals(subject, InteropCredential.ExpectedDisclosedClaims()).Should().BeTrue(subject.ToJsonString());

        // Two independent implementations read the same claims from the same presentation.
        JsonNode.DeepEquals(subject, InteropCredential.SubjectClaims(peer.PeerClaims)).Should().BeTrue(peer.PeerClaims.ToJsonString());
        if (fromX5c)
        {
            // The issuer's certificate from x5c, validated up to the anchor; Issuer is the iss claim.
            result.IssuerCertificate!.Subject.Should().Contain("Interop SD-JWT VC Issuer");
            result.IssuerChain[^1].Thumbprint.Should().Be(pki.Root.Thumbprint);
        }
    }

    public static TheoryData<string, string, string> Selections => new()
    {
        // RFC 9901 §7.1 3.c.i: digests without a Disclosure are ignored; 3.e: the '_sd' keys go.
        { "nothing", "{}", "{}" },

        // The object's own Disclosure only: its permanently disclosed member stays, the selectively disclosable ones do not.
        { "the address object only", """{"address":true}""", """{"address":{"country":"DE"}}""" },

        // §7.1 3.d: array elements whose digest has no Disclosure are removed, decoys included.
        { "the array only", """{"nationalities":true}""", """{"nationalities":[]}""" },
        {
            "everything",
            """{"given_name":true,"family_name":true,"birthdate":true,"address":{"street_address":true,"locality":true},"nationalities":{"0":true,"1":true},"age_equal_or_over":{"18":true,"65":true}}""",
            """{"given_name":"Erika","family_name":"Mustermann","birthdate":"1964-08-12","address":{"street_address":"Heidestraße 17","locality":"Köln","country":"DE"},"nationalities":["DE","FR"],"age_equal_or_over":{"18":true,"65":false}}"""
        },
    };

    [Theory]
    [MemberData(nameof(Selections))]
    public async Task Peer_presentation_of_any_selection_gives_us_exactly_the_claims_it_disclosed_RFC9901_7_1(string selection, string frame, string expected)
    {
        var peer = await _peer.IssueAndPresentAsync(new PeerIssuance { PresentationFrame = JsonNode.Parse(frame)!.AsObject() });

        var result = await Verifier(peer.IssuerPublicJwk).VerifyAsync(peer.Presentation, Expectation());

        result.Errors.Should().BeEmpty(selection);
        var subject = InteropCredential.SubjectClaims(result.Claims!);
        JsonNode.DeepEquals(subject, JsonNode.Parse(expected)).Should().BeTrue($"{selection}: {subject.ToJsonString()}");
    }

    public static TheoryData<string, string, string, string, string> Structures => new()
    {
        // RFC 9901 §4.2.2 and §7.1 3.c.iii: an array element that is itself an array with a disclosable element.
        { "nested arrays", """{"matrix":[["a","b"],["c"]]}""", """{"matrix":{"_sd":[0,1],"0":{"_sd":[1]}}}""", """{"matrix":{"0":{"1":true}}}""", """{"matrix":[["a","b"]]}""" },

        // §4.2.6: an object inside a disclosed array element, its own disclosable member left out.
        { "object in an array element", """{"degrees":[{"type":"BSc","university":"TU"}]}""", """{"degrees":{"_sd":[0],"0":{"_sd":["university"]}}}""", """{"degrees":{"0":true}}""", """{"degrees":[{"type":"BSc"}]}""" },

        // §4.2.1: any JSON value, null and empty containers included.
        { "null and empty values", """{"nickname":null,"tags":[],"extra":{}}""", """{"_sd":["nickname","tags","extra"]}""", """{"nickname":true,"tags":true,"extra":true}""", """{"nickname":null,"tags":[],"extra":{}}""" },

        // §4.2.1: no canonical form; names and values outside ASCII and escaped characters, hashed as received.
        { "unicode and escapes", """{"名前":"太郎","emoji":"😀","quote":"a\"b\\c\n\u0001"}""", """{"_sd":["名前","emoji","quote"]}""", """{"名前":true,"emoji":true,"quote":true}""", """{"名前":"太郎","emoji":"😀","quote":"a\"b\\c\n\u0001"}""" },

        // JSON numbers as JavaScript writes them, up to 2^53 - 1.
        { "numbers", """{"count":42,"ratio":0.25,"negative":-7,"largest":9007199254740991}""", """{"_sd":["count","ratio","negative","largest"]}""", """{"count":true,"ratio":true,"negative":true,"largest":true}""", """{"count":42,"ratio":0.25,"negative":-7,"largest":9007199254740991}""" },
    };

    [Theory]
    [MemberData(nameof(Structures))]
    public async Task Peer_credential_of_any_json_structure_gives_us_exactly_the_claims_it_disclosed_RFC9901_7_1(string structure, string claims, string disclosureFrame, string presentationFrame, string expected)
    {
        var peer = await _peer.IssueAndPresentAsync(new PeerIssuance
        {
            Claims = JsonNode.Parse(claims)!.AsObject(),
            DisclosureFrame = JsonNode.Parse(disclosureFrame)!.AsObject(),
            PresentationFrame = JsonNode.Parse(presentationFrame)!.AsObject(),
        });

        var result = await Verifier(peer.IssuerPublicJwk).VerifyAsync(peer.Presentation, Expectation());

        result.Errors.Should().BeEmpty(structure);
        var subject = InteropCredential.SubjectClaims(result.Claims!);
        JsonNode.DeepEquals(subject, JsonNode.Parse(expected)).Should().BeTrue($"{structure}: {subject.ToJsonString()}");
        JsonNode.DeepEquals(subject, InteropCredential.SubjectClaims(peer.PeerClaims)).Should().BeTrue($"{structure}: the peer reads {peer.PeerClaims.ToJsonString()}");
    }

    [Fact]
    public async Task Peer_credential_has_the_same_selectively_disclosable_claims_for_our_holder_RFC9901_7_2()
    {
        var peer = await _peer.IssueAndPresentAsync(new PeerIssuance { Nonce = null });
        Wallet.Core.SdJwt.SdJwt.TryParse(peer.Issued, SdJwtLimits.Default, out var issued, out var error).Should().BeTrue(error?.Message);

        // sd-jwt-js names paths with dots and array indices as numbers: the same shape as ours, joined by dots.
        var ours = SdJwtHolder.GetDisclosablePaths(issued!).Select(Dotted);

        ours.Should().BeEquivalentTo(peer.PresentableKeys);
    }

    [Fact]
    public async Task Our_holder_re_presents_a_peer_credential_and_the_peer_verifies_it_RFC9901_7_2()
    {
        var peer = await _peer.IssueAndPresentAsync(new PeerIssuance { Nonce = null });
        Wallet.Core.SdJwt.SdJwt.TryParse(peer.Issued, SdJwtLimits.Default, out var issued, out _).Should().BeTrue();
        var holderKey = HolderSigningKey(peer.HolderPrivateJwk);

        var presentation = SdJwtHolder.Present(issued!, InteropCredential.Disclose(), new KeyBindingOptions(holderKey, InteropCredential.Audience, InteropCredential.Nonce));
        var verdict = await _peer.VerifyAsync(presentation, peer.IssuerPublicJwk, null);

        verdict.Error.Should().BeNull();
        JsonNode.DeepEquals(InteropCredential.SubjectClaims(verdict.Claims!), InteropCredential.ExpectedDisclosedClaims()).Should().BeTrue(verdict.Claims!.ToJsonString());
    }

    public static TheoryData<string, string[]> Mutations => new()
    {
        // RFC 9901 §7.3 step 5.f: the nonce of this transaction.
        { "nonce made for another transaction", [SdJwtErrorCodes.KeyBindingNonceMismatch] },

        // §7.3 step 5.f: the KB-JWT is for this verifier.
        { "aud of another verifier", [SdJwtErrorCodes.KeyBindingAudienceMismatch] },

        // §7.3 step 5.e: iat within an acceptable window (ours: 5 minutes and 60 s skew). sd-jwt-js checks only that
        // iat is not in the future, so the peer accepts this one itself; the RFC's window decides.
        { "kb-jwt made an hour ago", [SdJwtErrorCodes.KeyBindingIatOutOfWindow] },

        // §7.1 step 3 (digest found nowhere) and §7.3 step 5.g (sd_hash covers every Disclosure as presented).
        { "disclosure value changed", [SdJwtErrorCodes.UnreferencedDisclosure, SdJwtErrorCodes.KeyBindingSdHashMismatch] },

        // §7.3 step 5.g: a Disclosure dropped after the KB-JWT was signed.
        { "disclosure removed", [SdJwtErrorCodes.KeyBindingSdHashMismatch] },

        // §7.3 step 2: Key Binding required, none presented.
        { "kb-jwt removed", [SdJwtErrorCodes.KeyBindingMissing] },

        // §7.3 step 5.b: the KB-JWT signature with cnf.jwk.
        { "kb-jwt signature changed", [SdJwtErrorCodes.KeyBindingSignatureInvalid] },

        // §7.1 step 2: the Issuer's signature; sd_hash covers the Issuer-signed JWT too (§4.3.1), so it breaks as well.
        { "issuer signature changed", [SdJwtErrorCodes.SignatureInvalid, SdJwtErrorCodes.KeyBindingSdHashMismatch] },

        // draft-ietf-oauth-sd-jwt-vc-18 §2.2.1: typ MUST be dc+sd-jwt (RFC 9901 §9.11, explicit typing). sd-jwt-js lets
        // its caller set any typ and never checks typ when verifying; the SD-JWT VC clause decides.
        { "typ JWT", [SdJwtErrorCodes.TypeMismatch] },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task Peer_presentation_that_is_wrong_or_tampered_is_rejected_with_its_code_RFC9901_7_3(string mutation, string[] codes)
    {
        var peer = await _peer.IssueAndPresentAsync(mutation switch
        {
            "nonce made for another transaction" => new PeerIssuance { Nonce = "nonce-of-another-transaction" },
            "aud of another verifier" => new PeerIssuance { Audience = "x509_san_dns:other-verifier.example" },
            "kb-jwt made an hour ago" => new PeerIssuance { KeyBindingAge = TimeSpan.FromHours(1) },
            "typ JWT" => new PeerIssuance { Type = "JWT" },
            _ => new PeerIssuance(),
        });
        var presentation = Tamper.Apply(mutation, peer.Presentation);

        var result = await Verifier(peer.IssuerPublicJwk).VerifyAsync(presentation, Expectation());

        result.IsValid.Should().BeFalse();
        result.Claims.Should().BeNull();
        result.Errors.Select(e => e.Code).Should().BeEquivalentTo(codes, string.Join("; ", result.Errors));
    }

    [Fact]
    public async Task Peer_kb_jwt_sent_where_a_plain_sd_jwt_is_expected_is_rejected_RFC9901_4()
    {
        var peer = await _peer.IssueAndPresentAsync(new PeerIssuance());

        var result = await Verifier(peer.IssuerPublicJwk).VerifyAsync(peer.Presentation, keyBinding: null);

        // RFC 9901 §4: a Verifier expecting an SD-JWT MUST check that the last component is empty. sd-jwt-js verifying
        // without a nonce skips the KB-JWT and accepts; the RFC decides.
        result.Errors.Select(e => e.Code).Should().Equal(SdJwtErrorCodes.KeyBindingUnexpected);
        (await _peer.VerifyAsync(peer.Presentation, peer.IssuerPublicJwk, null, nonce: null)).Verified.Should().BeTrue("sd-jwt-js 0.20.0 ignores the KB-JWT (recorded in specs/sd-jwt.md)");
    }

    [Fact]
    public async Task Peer_presentation_whose_x5c_does_not_chain_to_our_anchor_is_rejected_HAIP_6_1_1()
    {
        using var otherPki = new InteropPki("Someone Else's Root");
        var peer = await _peer.IssueAndPresentAsync(new PeerIssuance { Pki = otherPki });

        var result = await Verifier(null).VerifyAsync(peer.Presentation, Expectation());

        result.IsValid.Should().BeFalse();
        result.Errors.Select(e => e.Code).Should().Contain(SdJwtErrorCodes.IssuerKeyUnresolved);
    }

    public void Dispose() => _pki.Dispose();

    private SdJwtVcVerifier Verifier(PublicJwk? issuerKey, InteropPki? pki = null) => new(new SdJwtVcVerifierOptions
    {
        IssuerKeyResolver = issuerKey is null ? null : new StaticIssuerKeyResolver(issuerKey, "https://peer-issuer.example"),
        TrustValidator = (pki ?? _pki).TrustValidator(),
        AcceptedVcts = [InteropCredential.Vct],
    });

    private static KeyBindingExpectation Expectation() => new(InteropCredential.Audience, InteropCredential.Nonce);

    private static string Dotted(ClaimPath path) => string.Join('.', path.Segments.Select(s => s.ToString()));

    private static SigningKey HolderSigningKey(JsonObject privateJwk)
    {
        byte[] Member(string name) => Base64Url.DecodeFromChars(privateJwk[name]!.GetValue<string>());
        var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = Member("d"),
            Q = new ECPoint { X = Member("x"), Y = Member("y") },
        });
        return new SigningKey(key);
    }
}
