using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Wallet.Core.Claims;
using Wallet.Core.Jose;
using Wallet.Core.Pid;
using Wallet.Core.SdJwt;
using Wallet.Core.SdJwtVc;

namespace Wallet.Interop.Tests.SdJwt;

/// <summary>
/// Wallet.Core issues (<c>SdJwtVcIssuer</c>, <c>PidSdJwtVc</c>) and presents (<c>SdJwtHolder</c>); sd-jwt-js verifies.
/// And sd-jwt-js as the Holder of our credential: it presents, we verify.
/// </summary>
public sealed class OurPresentationAtPeerTests : IDisposable
{
    private readonly InteropPki _pki = new();
    private readonly SdJwtPeer _peer = new();
    private readonly SigningKey _holderKey = SigningKey.Generate();

    [Theory]
    [InlineData("jwk", "sha-256")]
    [InlineData("x5c", "sha-256")]
    [InlineData("x5c with an intermediate CA", "sha-256")]
    [InlineData("jwk", "sha-384")]
    [InlineData("jwk", "sha-512")]
    public async Task Our_presentation_with_kb_jwt_verifies_at_the_peer_with_exactly_the_disclosed_claims_RFC9901_7_3(string issuerKeySource, string sdAlg)
    {
        var fromX5c = issuerKeySource.StartsWith("x5c", StringComparison.Ordinal);
        using var pki = new InteropPki(withIntermediate: issuerKeySource.Contains("intermediate", StringComparison.Ordinal));
        var issuerKey = fromX5c ? pki.IssuerSigningKey() : SigningKey.Generate();
        SdHashAlgorithm.TryFromName(sdAlg, out var hash).Should().BeTrue();
        var presentation = Present(Issue(InteropCredential.Claims(), issuerKey, InteropCredential.SelectivelyDisclosable(), hash), InteropCredential.Disclose());

        var verdict = await _peer.VerifyAsync(presentation, fromX5c ? null : issuerKey.PublicJwk, pki);

        verdict.Error.Should().BeNull();
        if (fromX5c)
        {
            verdict.Header!["x5c"]!.AsArray().Should().HaveCount(pki.X5c.Length, "the chain without the anchor (HAIP 1.0 §6.1.1)");
        }

        verdict.Header!["typ"]!.GetValue<string>().Should().Be("dc+sd-jwt");
        verdict.KeyBinding!["payload"]!["aud"]!.GetValue<string>().Should().Be(InteropCredential.Audience);
        var subject = InteropCredential.SubjectClaims(verdict.Claims!);
        JsonNode.DeepEquals(subject, InteropCredential.ExpectedDisclosedClaims()).Should().BeTrue(subject.ToJsonString());
    }

    public static TheoryData<string, string, string, string, string> Structures => new()
    {
        // RFC 9901 §4.2.2 and §7.1 3.c.iii: an array element that is itself an array with a disclosable element.
        { "nested arrays", """{"matrix":[["a","b"],["c"]]}""", """[["matrix",0],["matrix",1],["matrix",0,1]]""", """[["matrix",0,1]]""", """{"matrix":[["a","b"]]}""" },

        // §4.2.6: an object inside a disclosed array element, its own disclosable member left out.
        { "object in an array element", """{"degrees":[{"type":"BSc","university":"TU"}]}""", """[["degrees",0],["degrees",0,"university"]]""", """[["degrees",0,"type"]]""", """{"degrees":[{"type":"BSc"}]}""" },

        // §4.2.1: any JSON value, null and empty containers included.
        { "null and empty values", """{"nickname":null,"tags":[],"extra":{}}""", """[["nickname"],["tags"],["extra"]]""", """[["nickname"],["tags"],["extra"]]""", """{"nickname":null,"tags":[],"extra":{}}""" },

        // §4.2.1: names and values outside ASCII and escaped characters, as our Disclosures encode them.
        { "unicode and escapes", """{"名前":"太郎","emoji":"😀","quote":"a\"b\\c\n\u0001</script>"}""", """[["名前"],["emoji"],["quote"]]""", """[["名前"],["emoji"],["quote"]]""", """{"名前":"太郎","emoji":"😀","quote":"a\"b\\c\n\u0001</script>"}""" },

        // JSON numbers, up to 2^53 - 1 (what a JavaScript verifier reads exactly).
        { "numbers", """{"count":42,"ratio":0.25,"negative":-7,"largest":9007199254740991}""", """[["count"],["ratio"],["negative"],["largest"]]""", """[["count"],["ratio"],["negative"],["largest"]]""", """{"count":42,"ratio":0.25,"negative":-7,"largest":9007199254740991}""" },
    };

    [Theory]
    [MemberData(nameof(Structures))]
    public async Task Our_credential_of_any_json_structure_gives_the_peer_exactly_the_claims_we_disclosed_RFC9901_7_1(string structure, string claims, string selectivelyDisclosable, string disclose, string expected)
    {
        var issuerKey = SigningKey.Generate();
        var issued = Issue(JsonNode.Parse(claims)!.AsObject(), issuerKey, Paths(selectivelyDisclosable));

        var verdict = await _peer.VerifyAsync(Present(issued, Paths(disclose)), issuerKey.PublicJwk, null);

        verdict.Error.Should().BeNull(structure);
        var subject = InteropCredential.SubjectClaims(verdict.Claims!);
        JsonNode.DeepEquals(subject, JsonNode.Parse(expected)).Should().BeTrue($"{structure}: {subject.ToJsonString()}");
    }

    [Fact]
    public async Task Our_pid_with_every_claim_disclosable_verifies_at_the_peer_PID_Rule_Book_4_1_1()
    {
        var issuerKey = _pki.IssuerSigningKey();

        // Null selects every claim, member and element: the PID default, with recursive Disclosures.
        var issued = Issue(PidClaims(), issuerKey, selectivelyDisclosable: null);
        var presentation = Present(issued, [ClaimPath.Of("family_name"), ClaimPath.Of("place_of_birth", "locality")]);
        var verdict = await _peer.VerifyAsync(presentation, null, _pki);

        verdict.Error.Should().BeNull();
        var expected = new JsonObject { ["family_name"] = "Mustermann", ["place_of_birth"] = new JsonObject { ["locality"] = "Berlin" } };
        var subject = InteropCredential.SubjectClaims(verdict.Claims!);
        JsonNode.DeepEquals(subject, expected).Should().BeTrue(subject.ToJsonString());
    }

    [Fact]
    public async Task Peer_as_holder_presents_our_pid_and_we_verify_exactly_what_it_disclosed_RFC9901_7_2()
    {
        var issuerKey = _pki.IssuerSigningKey();
        var issued = Issue(PidClaims(), issuerKey, selectivelyDisclosable: null);
        var frame = new JsonObject
        {
            ["family_name"] = true,
            ["place_of_birth"] = new JsonObject { ["locality"] = true },
            ["nationalities"] = new JsonObject { ["1"] = true },
        };

        var peer = await _peer.PresentAsync(issued.Raw, issuerKey.PublicJwk, _holderKey, frame);
        var result = await new SdJwtVcVerifier(new SdJwtVcVerifierOptions { TrustValidator = _pki.TrustValidator() })
            .VerifyAsync(peer.Presentation, new KeyBindingExpectation(InteropCredential.Audience, InteropCredential.Nonce));

        result.Errors.Should().BeEmpty();
        var expected = new JsonObject
        {
            ["family_name"] = "Mustermann",
            ["place_of_birth"] = new JsonObject { ["locality"] = "Berlin" },
            ["nationalities"] = new JsonArray("FR"),
        };
        var subject = InteropCredential.SubjectClaims(result.Claims!);
        JsonNode.DeepEquals(subject, expected).Should().BeTrue(subject.ToJsonString());

        // Both sides find the same disclosable claims in our credential (ours in the peer's dotted notation).
        SdJwtHolder.GetDisclosablePaths(issued).Select(p => string.Join('.', p.Segments)).Should().BeEquivalentTo(peer.PresentableKeys);
    }

    public static TheoryData<string, string> Mutations => new()
    {
        // RFC 9901 §7.3 step 5.f.
        { "nonce of another transaction", "Invalid Nonce" },

        // §7.3 step 5.f; sd-jwt-js only checks that aud is there, the peer script compares it (see verify.mjs).
        { "aud of another verifier", "KB-JWT aud" },

        // §7.1 step 3: a Disclosure whose digest the Issuer never signed.
        { "disclosure value changed", "Unreferenced disclosure" },

        // §7.3 step 5.g.
        { "disclosure removed", "Invalid sd_hash" },

        // §7.3 step 2.
        { "kb-jwt removed", "Key Binding JWT not exist" },

        // §7.3 step 5.b.
        { "kb-jwt signature changed", "Invalid JWT Signature" },

        // §7.1 step 2.
        { "issuer signature changed", "Invalid JWT Signature" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task Our_presentation_that_is_wrong_or_tampered_is_rejected_by_the_peer_RFC9901_7_3(string mutation, string peerError)
    {
        var issuerKey = SigningKey.Generate();
        var issued = Issue(InteropCredential.Claims(), issuerKey, InteropCredential.SelectivelyDisclosable());
        var presentation = mutation switch
        {
            "nonce of another transaction" => Present(issued, InteropCredential.Disclose(), nonce: "nonce-of-another-transaction"),
            "aud of another verifier" => Present(issued, InteropCredential.Disclose(), audience: "x509_san_dns:other-verifier.example"),
            _ => Present(issued, InteropCredential.Disclose()),
        };
        presentation = Tamper.Apply(mutation, presentation);

        var verdict = await _peer.VerifyAsync(presentation, issuerKey.PublicJwk, null);

        verdict.Verified.Should().BeFalse();
        verdict.Error.Should().Contain(peerError);
    }

    [Fact]
    public async Task Credential_at_its_exp_instant_is_expired_for_us_while_the_peer_still_accepts_it_RFC7519_4_1_4()
    {
        var issuerKey = SigningKey.Generate();
        var issued = Issue(InteropCredential.Claims(), issuerKey, InteropCredential.SelectivelyDisclosable());
        var exp = DateTimeOffset.FromUnixTimeSeconds(issued.IssuerSignedJwt.Payload.GetProperty("exp").GetInt64());
        var presentation = SdJwtHolder.Present(issued, InteropCredential.Disclose());
        var verifier = new SdJwtVcVerifier(new SdJwtVcVerifierOptions
        {
            IssuerKeyResolver = new StaticIssuerKeyResolver(issuerKey.PublicJwk),
            TimeProvider = new FakeTimeProvider(exp),
            ClockSkew = TimeSpan.Zero,
        });

        var ours = await verifier.VerifyAsync(presentation, keyBinding: null);
        var theirs = await _peer.VerifyAsync(presentation, issuerKey.PublicJwk, null, nonce: null, now: exp);

        // RFC 7519 §4.1.4: the current time MUST be before exp, so at exp the credential is expired. sd-jwt-js rejects
        // only when exp < now (one second later); with any clock skew the difference disappears.
        ours.Errors.Select(e => e.Code).Should().Equal(SdJwtErrorCodes.Expired);
        theirs.Verified.Should().BeTrue("sd-jwt-js 0.20.0 accepts at exp (recorded in specs/sd-jwt.md)");
        (await _peer.VerifyAsync(presentation, issuerKey.PublicJwk, null, nonce: null, now: exp.AddSeconds(1))).Error.Should().Contain("expired");
    }

    [Fact]
    public async Task Kb_jwt_for_another_audience_is_rejected_by_us_while_sd_jwt_js_alone_accepts_it_RFC9901_7_3()
    {
        var issuerKey = SigningKey.Generate();
        var issued = Issue(InteropCredential.Claims(), issuerKey, InteropCredential.SelectivelyDisclosable());
        var presentation = Present(issued, InteropCredential.Disclose(), audience: "x509_san_dns:other-verifier.example");
        var verifier = new SdJwtVcVerifier(new SdJwtVcVerifierOptions { IssuerKeyResolver = new StaticIssuerKeyResolver(issuerKey.PublicJwk) });

        var ours = await verifier.VerifyAsync(presentation, new KeyBindingExpectation(InteropCredential.Audience, InteropCredential.Nonce));
        var library = await _peer.VerifyAsync(presentation, issuerKey.PublicJwk, null, libraryOnly: true);

        // RFC 9901 §7.3 step 5.f: the aud MUST be this Verifier. sd-jwt-js 0.20.0 only checks that aud is there, which is
        // why verify.mjs compares it (recorded in specs/sd-jwt.md).
        ours.Errors.Select(e => e.Code).Should().Equal(SdJwtErrorCodes.KeyBindingAudienceMismatch);
        library.Verified.Should().BeTrue("sd-jwt-js 0.20.0 does not compare aud");
    }

    public void Dispose()
    {
        _holderKey.Key.Dispose();
        _pki.Dispose();
    }

    private Wallet.Core.SdJwt.SdJwt Issue(JsonObject claims, SigningKey issuerKey, IReadOnlyCollection<ClaimPath>? selectivelyDisclosable, SdHashAlgorithm? hash = null)
    {
        var now = DateTimeOffset.UtcNow;
        var compact = SdJwtVcIssuer.Issue(
            new SdJwtVcIssuanceRequest
            {
                Vct = InteropCredential.Vct,
                Issuer = "https://issuer.example",
                Claims = claims,
                HolderKey = _holderKey.PublicJwk,
                IssuedAt = now,
                ExpiresAt = now.AddDays(30),
                SelectivelyDisclosable = selectivelyDisclosable,
                Options = new SdJwtIssuanceOptions { Type = SdJwtVcClaims.Type, HashAlgorithm = hash ?? SdHashAlgorithm.Sha256 },
            },
            issuerKey);
        Wallet.Core.SdJwt.SdJwt.TryParse(compact, SdJwtLimits.Default, out var issued, out var error).Should().BeTrue(error?.Message);
        return issued!;
    }

    private string Present(Wallet.Core.SdJwt.SdJwt issued, IEnumerable<ClaimPath> disclose, string nonce = InteropCredential.Nonce, string audience = InteropCredential.Audience) =>
        SdJwtHolder.Present(issued, disclose, new KeyBindingOptions(_holderKey, audience, nonce));

    private static ClaimPath[] Paths(string pointers)
    {
        using var document = System.Text.Json.JsonDocument.Parse(pointers);
        return document.RootElement.EnumerateArray()
            .Select(p => ClaimPath.TryParse(p, out var path, out var error) ? path : throw new ArgumentException(error, nameof(pointers)))
            .ToArray();
    }

    private static JsonObject PidClaims() => PidSdJwtVc.ToClaims(new PersonIdentificationData
    {
        FamilyName = "Mustermann",
        GivenName = "Erika",
        BirthDate = new DateOnly(1964, 8, 12),
        PlaceOfBirth = new PlaceOfBirth("DE", null, "Berlin"),
        Nationalities = ["DE", "FR"],
        Address = new ResidentAddress { Locality = "Köln", Street = "Heidestraße", HouseNumber = "17", Country = "DE" },
        IssuingAuthority = "DE",
        IssuingCountry = "DE",
    });
}
