using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Wallet.Core.Development;
using Wallet.Core.Jose;
using Wallet.Core.StatusList;
using Wallet.Core.Tests.TestSupport;
using Wallet.Core.Trust;

namespace Wallet.Core.Tests.StatusList;

public class StatusListTokenTests
{
    private const long VectorIssuedAt = 1686920170;
    private const long OwnIssuedAt = 1_700_000_000;
    private const string ListUri = "https://example.com/statuslists/1";
    private static readonly Uri ExpectedUri = new(ListUri);

    [Fact]
    public void Jwt_status_list_token_of_the_spec_verifies_with_the_example_key_draft_ietf_oauth_status_list_5_1()
    {
        var vector = StatusListVectors.Get("status_list_token_jwt");
        var verifier = KeyVerifier(VectorIssuedAt + 60);

        var result = verifier.VerifyJwt(vector.GetProperty("compact").GetString()!, ExpectedUri);

        result.IsValid.Should().BeTrue(string.Join("; ", result.Errors));
        var token = result.Token!;
        token.Subject.OriginalString.Should().Be(ListUri);
        token.IssuedAt.ToUnixTimeSeconds().Should().Be(VectorIssuedAt);
        token.ExpiresAt!.Value.ToUnixTimeSeconds().Should().Be(2291720170);
        token.TimeToLive.Should().Be(TimeSpan.FromSeconds(43200));
        token.Issuer.Should().Be("https://example.com");
        var expected = vector.GetProperty("statuses").EnumerateArray().Select(e => (byte)e.GetInt32()).ToArray();
        Enumerable.Range(0, expected.Length).Select(token.StatusList.GetStatus).Should().Equal(expected);
    }

    [Fact]
    public void Cwt_status_list_token_of_the_spec_verifies_with_the_example_key_draft_ietf_oauth_status_list_5_2()
    {
        var vector = StatusListVectors.Get("status_list_token_cwt");
        var verifier = KeyVerifier(VectorIssuedAt + 60);

        var result = verifier.VerifyCwt(StatusListVectors.Hex("status_list_token_cwt", "hex"), ExpectedUri);

        result.IsValid.Should().BeTrue(string.Join("; ", result.Errors));
        var token = result.Token!;
        token.Subject.OriginalString.Should().Be(ListUri);
        token.IssuedAt.ToUnixTimeSeconds().Should().Be(VectorIssuedAt);
        token.ExpiresAt!.Value.ToUnixTimeSeconds().Should().Be(2291720170);
        token.TimeToLive.Should().Be(TimeSpan.FromSeconds(43200));
        var expected = vector.GetProperty("statuses").EnumerateArray().Select(e => (byte)e.GetInt32()).ToArray();
        Enumerable.Range(0, expected.Length).Select(token.StatusList.GetStatus).Should().Equal(expected);
    }

    [Fact]
    public void Referenced_token_cwt_of_the_spec_is_invalid_in_the_spec_status_list_draft_ietf_oauth_status_list_6_3()
    {
        var referenced = CoseSign1Message.DecodeSign1(StatusListVectors.Hex("referenced_token_cwt", "hex"));
        using (var key = StatusListVectors.PublicKey().ToECDsa())
        {
            referenced.VerifyEmbedded(key).Should().BeTrue();
        }

        var reader = new CborReader(referenced.Content!.Value);
        reader.ReadStartMap();
        byte[]? status = null;
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            if (reader.ReadInt32() == StatusClaim.CwtClaimKey)
            {
                status = reader.ReadEncodedValue().ToArray();
            }
            else
            {
                reader.SkipValue();
            }
        }

        StatusClaim.TryParseCbor(status, out var reference, out _).Should().BeTrue();
        var list = KeyVerifier(VectorIssuedAt + 60).VerifyCwt(StatusListVectors.Hex("status_list_token_cwt", "hex"), reference!.Uri);

        list.Token!.StatusList.GetStatus(reference.Index).Should().Be((byte)TokenStatus.Invalid);
    }

    [Fact]
    public void Own_jwt_with_x5c_verifies_through_the_chain_validator_HAIP_6_1()
    {
        using var pki = TestPki.Create();
        var token = OwnToken();

        var jwt = token.ToJwt(pki.SigningKey);
        var result = pki.Verifier().VerifyJwt(jwt, ExpectedUri);

        result.IsValid.Should().BeTrue(string.Join("; ", result.Errors));
        result.CertificateChain!.IsValid.Should().BeTrue();
        result.Token!.StatusList.Bytes.SequenceEqual(token.StatusList.Bytes).Should().BeTrue();
        result.Token.TimeToLive.Should().Be(token.TimeToLive);
        result.Token.ExpiresAt.Should().Be(token.ExpiresAt);
        CompactJws.TryParse(jwt, JoseLimits.Default, out var jws, out _).Should().BeTrue();
        jws!.Type.Should().Be("statuslist+jwt");
        jws.Header.TryGetProperty("x5c", out _).Should().BeTrue();
    }

    [Fact]
    public void Own_cwt_with_x5chain_verifies_through_the_chain_validator_draft_ietf_oauth_status_list_5_2()
    {
        using var pki = TestPki.Create();
        var token = OwnToken();

        var cwt = token.ToCwt(pki.SigningKey);
        var result = pki.Verifier().VerifyCwt(cwt, ExpectedUri);

        result.IsValid.Should().BeTrue(string.Join("; ", result.Errors));
        result.Token!.StatusList.Bytes.SequenceEqual(token.StatusList.Bytes).Should().BeTrue();
        new CborReader(cwt).ReadTag().Should().Be((CborTag)18);
        var message = CoseSign1Message.DecodeSign1(cwt);
        message.ProtectedHeaders[new CoseHeaderLabel(16)].GetValueAsString().Should().Be("application/statuslist+cwt");
    }

    [Fact]
    public void Own_jwt_signed_with_the_example_key_verifies_with_the_configured_key()
    {
        var jwt = OwnToken().ToJwt(StatusListVectors.SigningKey());

        KeyVerifier(OwnIssuedAt + 60).VerifyJwt(jwt, ExpectedUri).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData("""{"iat":1700000000,"status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}""", StatusListErrorCodes.MissingClaim)]
    [InlineData("""{"sub":"https://example.com/statuslists/1","status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}""", StatusListErrorCodes.MissingClaim)]
    [InlineData("""{"sub":"https://example.com/statuslists/1","iat":1700000000}""", StatusListErrorCodes.MissingClaim)]
    [InlineData("""{"sub":42,"iat":1700000000,"status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}""", StatusListErrorCodes.InvalidClaim)]
    [InlineData("""{"sub":"https://example.com/statuslists/1","iat":"1700000000","status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}""", StatusListErrorCodes.InvalidClaim)]
    [InlineData("""{"sub":"https://example.com/statuslists/1","iat":1700000000,"ttl":0,"status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}""", StatusListErrorCodes.InvalidClaim)]
    [InlineData("""{"sub":"https://example.com/statuslists/1","iat":1700000000,"ttl":"60","status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}""", StatusListErrorCodes.InvalidClaim)]
    [InlineData("""{"sub":"https://example.com/statuslists/1","iat":1699990000,"exp":1699990060,"status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}""", StatusListErrorCodes.Expired)]
    [InlineData("""{"sub":"https://example.com/statuslists/2","iat":1700000000,"status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}""", StatusListErrorCodes.SubjectMismatch)]
    [InlineData("""{"sub":"https://example.com/statuslists/1","iat":1800000000,"status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}""", StatusListErrorCodes.NotYetValid)]
    [InlineData("""{"sub":"https://example.com/statuslists/1","iat":1700000000,"nbf":1800000000,"status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}""", StatusListErrorCodes.NotYetValid)]
    [InlineData("""{"sub":"https://example.com/statuslists/1","iat":1700000000,"status_list":{"bits":3,"lst":"eNrbuRgAAhcBXQ"}}""", StatusListErrorCodes.InvalidBits)]
    [InlineData("""{"sub":"https://example.com/statuslists/1","iat":1700000000,"status_list":{"bits":1,"lst":"AAAA"}}""", StatusListErrorCodes.Malformed)]
    public void Jwt_claims_that_break_a_rule_are_rejected_draft_ietf_oauth_status_list_5_1_and_8_3(string payload, string expectedCode)
    {
        var jwt = JwsWriter.Sign(StatusListVectors.SigningKey(), "statuslist+jwt", payload);

        var result = KeyVerifier(OwnIssuedAt + 60).VerifyJwt(jwt, ExpectedUri);

        result.IsValid.Should().BeFalse();
        result.Errors.Select(e => e.Code).Should().Equal(expectedCode);
    }

    [Fact]
    public void Jwt_with_another_typ_is_rejected_draft_ietf_oauth_status_list_5_1()
    {
        var jwt = JwsWriter.Sign(StatusListVectors.SigningKey(), "JWT", OwnPayload());

        KeyVerifier(OwnIssuedAt + 60).VerifyJwt(jwt, ExpectedUri).Errors.Select(e => e.Code).Should().Equal(StatusListErrorCodes.TypeMismatch);
    }

    [Fact]
    public void Jwt_with_a_tampered_payload_is_rejected_draft_ietf_oauth_status_list_5_1()
    {
        var jwt = OwnToken().ToJwt(StatusListVectors.SigningKey());
        var other = new StatusListToken(ExpectedUri, DateTimeOffset.FromUnixTimeSeconds(OwnIssuedAt), new StatusListBuilder(1, 16).ToStatusList()).ToJwt(StatusListVectors.SigningKey());
        var parts = jwt.Split('.');
        var spliced = $"{parts[0]}.{other.Split('.')[1]}.{parts[2]}";

        KeyVerifier(OwnIssuedAt + 60).VerifyJwt(spliced, ExpectedUri).Errors.Select(e => e.Code).Should().Equal(StatusListErrorCodes.SignatureInvalid);
    }

    [Fact]
    public void Jwt_signed_by_another_key_with_the_same_kid_is_rejected_draft_ietf_oauth_status_list_8_3()
    {
        var impostor = new SigningKey(ECDsa.Create(ECCurve.NamedCurves.nistP256), "12");

        var result = KeyVerifier(OwnIssuedAt + 60).VerifyJwt(OwnToken().ToJwt(impostor), ExpectedUri);

        result.Errors.Select(e => e.Code).Should().Equal(StatusListErrorCodes.SignatureInvalid);
    }

    [Fact]
    public void Jwt_with_an_algorithm_outside_the_policy_is_rejected_RFC8725_3_1()
    {
        var options = new StatusListTokenVerifierOptions { TrustedKeys = [StatusListVectors.PublicKey()], AlgorithmPolicy = new JwsAlgorithmPolicy([JwsAlgorithm.ES384]) };
        var verifier = new StatusListTokenVerifier(null, options, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(OwnIssuedAt)));

        verifier.VerifyJwt(OwnToken().ToJwt(StatusListVectors.SigningKey()), ExpectedUri).Errors.Select(e => e.Code).Should().Equal(StatusListErrorCodes.AlgorithmNotAllowed);
    }

    [Fact]
    public void Jwt_without_x5c_and_without_a_configured_key_is_untrusted_draft_ietf_oauth_status_list_8_3()
    {
        var verifier = new StatusListTokenVerifier(null, new StatusListTokenVerifierOptions(), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(OwnIssuedAt)));

        verifier.VerifyJwt(OwnToken().ToJwt(StatusListVectors.SigningKey()), ExpectedUri).Errors.Select(e => e.Code).Should().Equal(StatusListErrorCodes.Untrusted);
    }

    [Fact]
    public void Jwt_whose_kid_matches_no_configured_key_is_untrusted()
    {
        var jwt = OwnToken().ToJwt(new SigningKey(ECDsa.Create(ECCurve.NamedCurves.nistP256), "other"));

        KeyVerifier(OwnIssuedAt + 60).VerifyJwt(jwt, ExpectedUri).Errors.Select(e => e.Code).Should().Equal(StatusListErrorCodes.Untrusted);
    }

    [Fact]
    public void Jwt_whose_x5c_chains_to_an_unknown_root_is_untrusted_draft_ietf_oauth_status_list_8_3()
    {
        using var trusted = TestPki.Create();
        using var foreign = TestPki.Create();

        var result = trusted.Verifier().VerifyJwt(OwnToken().ToJwt(foreign.SigningKey), ExpectedUri);

        result.IsValid.Should().BeFalse();
        result.Errors[0].Code.Should().Be(StatusListErrorCodes.Untrusted);
        result.Errors.Skip(1).Should().NotBeEmpty("the chain validator's own findings follow");
    }

    [Fact]
    public void Jwt_whose_x5c_is_not_base64_der_is_malformed()
    {
        var jwt = JwsWriter.Sign(StatusListVectors.SigningKey(), "statuslist+jwt", OwnPayload(), additionalHeaders: new Dictionary<string, object> { ["x5c"] = new List<string> { "not-a-certificate" } });
        using var pki = TestPki.Create();

        pki.Verifier().VerifyJwt(jwt, ExpectedUri).Errors[0].Code.Should().Be(StatusListErrorCodes.Malformed);
    }

    [Fact]
    public void Jwt_older_than_the_maximum_age_is_stale_draft_ietf_oauth_status_list_8_3()
    {
        var options = new StatusListTokenVerifierOptions { TrustedKeys = [StatusListVectors.PublicKey()], MaxAge = TimeSpan.FromHours(1) };
        var verifier = new StatusListTokenVerifier(null, options, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(OwnIssuedAt + 7200)));

        verifier.VerifyJwt(OwnToken().ToJwt(StatusListVectors.SigningKey()), ExpectedUri).Errors.Select(e => e.Code).Should().Equal(StatusListErrorCodes.Stale);
    }

    [Theory]
    [InlineData("not a jws", StatusListErrorCodes.Malformed)]
    [InlineData("a.b", StatusListErrorCodes.Malformed)]
    public void Jwt_that_is_not_a_compact_jws_is_malformed(string token, string expectedCode)
    {
        KeyVerifier(OwnIssuedAt).VerifyJwt(token, ExpectedUri).Errors.Select(e => e.Code).Should().Equal(expectedCode);
    }

    [Fact]
    public void Token_larger_than_the_limit_is_rejected_before_parsing()
    {
        var options = new StatusListTokenVerifierOptions { TrustedKeys = [StatusListVectors.PublicKey()], MaxTokenBytes = 100 };
        var verifier = new StatusListTokenVerifier(null, options, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(OwnIssuedAt)));
        var token = OwnToken();

        verifier.VerifyJwt(token.ToJwt(StatusListVectors.SigningKey()), ExpectedUri).Errors.Select(e => e.Code).Should().Equal(StatusListErrorCodes.TooLarge);
        verifier.VerifyCwt(token.ToCwt(StatusListVectors.SigningKey()), ExpectedUri).Errors.Select(e => e.Code).Should().Equal(StatusListErrorCodes.TooLarge);
    }

    [Fact]
    public void Cwt_wrapped_in_the_cwt_tag_61_is_rejected_draft_ietf_oauth_status_list_5_2()
    {
        var writer = new CborWriter();
        writer.WriteTag((CborTag)61);
        writer.WriteEncodedValue(StatusListVectors.Hex("status_list_token_cwt", "hex"));

        KeyVerifier(VectorIssuedAt).VerifyCwt(writer.Encode(), ExpectedUri).Errors.Select(e => e.Code).Should().Equal(StatusListErrorCodes.Malformed);
    }

    // A COSE header label is an int or a tstr (RFC 9052 §3.1), and .NET's CoseSign1Message.DecodeSign1 threw
    // OverflowException, not CryptographicException, for an integer label beyond Int32 — an escaping exception the
    // fuzzer found (tests/Wallet.Fuzz/corpus/status-list-cwt/crash-header-label-beyond-int32.cwt). The row is written
    // by hand: tag 18, [bstr {1: -7}, {4294967296: 1}, bstr h'00', bstr h''].
    [Theory]
    [InlineData("d28443a10126a11b000000010000000001410040")]
    [InlineData("d28443a10126a13b000000010000000001410040")]
    public void Cose_header_label_beyond_int32_is_rejected_as_malformed_RFC9052_3_1(string hex)
    {
        KeyVerifier(VectorIssuedAt).VerifyCwt(Convert.FromHexString(hex), ExpectedUri).Errors.Select(e => e.Code).Should().Equal(StatusListErrorCodes.Malformed);
    }

    [Fact]
    public void Untagged_cose_sign1_is_rejected_draft_ietf_oauth_status_list_5_2()
    {
        var untagged = StatusListVectors.Hex("status_list_token_cwt", "hex")[1..];

        KeyVerifier(VectorIssuedAt).VerifyCwt(untagged, ExpectedUri).Errors.Select(e => e.Code).Should().Equal(StatusListErrorCodes.Malformed);
    }

    [Fact]
    public void Cwt_with_a_tampered_signature_is_rejected_draft_ietf_oauth_status_list_5_2()
    {
        var cwt = StatusListVectors.Hex("status_list_token_cwt", "hex");
        cwt[^1] ^= 0x01;

        KeyVerifier(VectorIssuedAt).VerifyCwt(cwt, ExpectedUri).Errors.Select(e => e.Code).Should().Equal(StatusListErrorCodes.SignatureInvalid);
    }

    [Fact]
    public void Cwt_for_another_list_is_rejected_draft_ietf_oauth_status_list_8_3()
    {
        KeyVerifier(VectorIssuedAt).VerifyCwt(StatusListVectors.Hex("status_list_token_cwt", "hex"), new Uri("https://example.com/statuslists/2"))
            .Errors.Select(e => e.Code).Should().Equal(StatusListErrorCodes.SubjectMismatch);
    }

    [Fact]
    public void Cwt_after_its_exp_is_rejected_draft_ietf_oauth_status_list_8_3()
    {
        KeyVerifier(2291720170 + 3600).VerifyCwt(StatusListVectors.Hex("status_list_token_cwt", "hex"), ExpectedUri)
            .Errors.Select(e => e.Code).Should().Equal(StatusListErrorCodes.Expired);
    }

    [Fact]
    public void Cwt_without_the_statuslist_typ_is_rejected_draft_ietf_oauth_status_list_5_2()
    {
        var key = StatusListVectors.SigningKey();
        var claims = CoseSign1Message.DecodeSign1(OwnToken().ToCwt(key)).Content!.Value.ToArray();
        var headers = new CoseHeaderMap { [CoseHeaderLabel.Algorithm] = CoseHeaderValue.FromInt32(-7) };
        var cwt = CoseSign1Message.SignEmbedded(claims, new CoseSigner(key.Key, HashAlgorithmName.SHA256, headers));

        KeyVerifier(OwnIssuedAt + 60).VerifyCwt(cwt, ExpectedUri).Errors.Select(e => e.Code).Should().Equal(StatusListErrorCodes.TypeMismatch);
    }

    [Fact]
    public void Cwt_whose_x5chain_chains_to_an_unknown_root_is_untrusted()
    {
        using var trusted = TestPki.Create();
        using var foreign = TestPki.Create();

        var result = trusted.Verifier().VerifyCwt(OwnToken().ToCwt(foreign.SigningKey), ExpectedUri);

        result.Errors[0].Code.Should().Be(StatusListErrorCodes.Untrusted);
    }

    internal static StatusListToken OwnToken()
    {
        var builder = new StatusListBuilder(2, 1024);
        builder.SetStatus(3, TokenStatus.Invalid).SetStatus(700, TokenStatus.Suspended);
        var iat = DateTimeOffset.FromUnixTimeSeconds(OwnIssuedAt);
        return new StatusListToken(ExpectedUri, iat, builder.ToStatusList(), iat.AddDays(1), TimeSpan.FromHours(1), "https://example.com");
    }

    private static string OwnPayload() =>
        """{"sub":"https://example.com/statuslists/1","iat":1700000000,"status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}""";

    private static StatusListTokenVerifier KeyVerifier(long now) =>
        new(null, new StatusListTokenVerifierOptions { TrustedKeys = [StatusListVectors.PublicKey()] }, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(now)));

    /// <summary>A development root, intermediate and status list signer issued around the test's clock.</summary>
    internal sealed class TestPki : IDisposable
    {
        private TestPki(X509Certificate2 root, X509Certificate2 intermediate, X509Certificate2 signer)
        {
            Root = root;
            Intermediate = intermediate;
            Signer = signer;
            SigningKey = DevelopmentCertificates.ToSigningKey(signer, [intermediate]);
        }

        public X509Certificate2 Root { get; }

        public X509Certificate2 Intermediate { get; }

        public X509Certificate2 Signer { get; }

        public SigningKey SigningKey { get; }

        public static DateTimeOffset NotBefore { get; } = DateTimeOffset.FromUnixTimeSeconds(OwnIssuedAt).AddDays(-30);

        public static TestPki Create()
        {
            var root = DevelopmentCertificates.CreateRootCa(NotBefore);
            var intermediate = DevelopmentCertificates.CreateIntermediateCa(root, NotBefore);
            var signer = DevelopmentCertificates.CreateStatusListSigner(intermediate, NotBefore);
            return new TestPki(root, intermediate, signer);
        }

        public X509ChainValidator Validator() => new(TrustAnchorStore.FromCertificates([Root]));

        public StatusListTokenVerifier Verifier(long now = OwnIssuedAt + 60) =>
            new(Validator(), new StatusListTokenVerifierOptions(), new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(now)));

        public void Dispose()
        {
            SigningKey.Key.Dispose();
            Signer.Dispose();
            Intermediate.Dispose();
            Root.Dispose();
        }
    }
}
