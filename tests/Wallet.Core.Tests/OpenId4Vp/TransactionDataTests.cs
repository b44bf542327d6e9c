using System.Text.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Dcql;
using Wallet.Core.Jose;
using Wallet.Core.OpenId4Vp;
using Wallet.Core.SdJwt;
using Wallet.Core.Trust;

namespace Wallet.Core.Tests.OpenId4Vp;

/// <summary>Transaction data on both sides in Wallet.Core (OpenID4VP 1.0 §5.1, §8.5, B.3.3).</summary>
public sealed class TransactionDataTests : IDisposable
{
    // The non-normative example object of OpenID4VP 1.0 §5.1, base64url-encoded; hashes computed with
    // `printf '%s' "$s" | openssl dgst -sha256 -binary | basenc --base64url` (and -sha384), outside our code.
    private const string SpecExample = "eyJ0eXBlIjoiZXhhbXBsZV90eXBlIiwiY3JlZGVudGlhbF9pZHMiOlsiaWRfY2FyZF9jcmVkZW50aWFsIl19";
    private const string SpecExampleSha256 = "lTp84kYtj5cZfVVmkrjZg-TZnQSfDoGWfNN9YKZo14M";
    private const string SpecExampleSha384 = "2qy7zbWAhiOWuNcD-Zxoaz-mkZkXFe-iBQQGLS62f4LFUtm6LQejKH1t5kSpoTpq";
    private static readonly TransactionDataType ExampleType = new("example_type", []);

    private readonly OpenId4VpFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Hash_is_taken_over_the_base64url_string_as_received_known_answer_OID4VP_B_3_3()
    {
        TransactionData.TryParse(SpecExample, [ExampleType], 0, out var item, out var errors).Should().BeTrue(string.Join("; ", errors));

        item!.Type.Should().Be("example_type");
        item.CredentialIds.Should().Equal("id_card_credential");
        item.HashAlgorithms.Should().BeNull();
        item.Hash("sha-256").Should().Be(SpecExampleSha256);
        item.Hash("sha-384").Should().Be(SpecExampleSha384);
    }

    [Theory]
    [InlineData("not base64url!", TransactionDataErrorCodes.Malformed)]
    [InlineData("eyJ0eXBlIjoiZXhhbXBsZV90eXBlIn0", TransactionDataErrorCodes.Malformed)] // {"type":"example_type"}: no credential_ids
    [InlineData("eyJ0eXBlIjoib3RoZXIiLCJjcmVkZW50aWFsX2lkcyI6WyJhIl19", TransactionDataErrorCodes.UnknownType)] // type "other"
    [InlineData("eyJ0eXBlIjoiZXhhbXBsZV90eXBlIiwiY3JlZGVudGlhbF9pZHMiOlsiYSJdLCJ4IjoxfQ", TransactionDataErrorCodes.InvalidMember)] // unknown member x
    [InlineData("WyJhIl0", TransactionDataErrorCodes.Malformed)] // ["a"]: not an object
    public void Entries_a_wallet_must_refuse_are_refused_with_their_code_OID4VP_5_1_8_5(string encoded, string code)
    {
        TransactionData.TryParse(encoded, [ExampleType], 0, out var item, out var errors).Should().BeFalse();

        item.Should().BeNull();
        errors.Select(e => e.Code).Should().Contain(code);
    }

    [Fact]
    public void Wallet_validator_accepts_known_types_and_exposes_them_OID4VP_5_1()
    {
        var payment = Payment();
        var jar = RequestObjectSigner.Sign(_fixture.Request() with { TransactionData = [payment] }, _fixture.SigningKey);

        var result = Validator().Validate(jar, _fixture.Request().ClientId.Value);

        result.Errors.Should().BeEmpty();
        result.Request!.TransactionData.Should().ContainSingle().Which.Encoded.Should().Be(payment.Encoded);
        result.Request.TransactionData[0].Content["payee"]!.GetValue<string>().Should().Be("Shop");
    }

    [Fact]
    public void Wallet_validator_refuses_an_unknown_type_with_invalid_transaction_data_codes_OID4VP_5_1()
    {
        var payload = _fixture.Request().ToPayload();
        payload["transaction_data"] = new JsonArray(System.Buffers.Text.Base64Url.EncodeToString("""{"type":"urn:example:unknown","credential_ids":["pid"]}"""u8));

        var result = Validator().Validate(_fixture.SignRaw(payload), _fixture.Request().ClientId.Value);

        result.IsValid.Should().BeFalse();
        result.Errors.Select(e => e.Code).Should().Contain(TransactionDataErrorCodes.UnknownType);
    }

    [Fact]
    public void Wallet_validator_refuses_transaction_data_for_a_query_without_holder_binding_OID4VP_B_3_3()
    {
        DcqlQuery.TryParse("""{"credentials":[{"id":"pid","format":"dc+sd-jwt","require_cryptographic_holder_binding":false,"meta":{"vct_values":["urn:eudi:pid:1"]}}]}""", out var query, out _).Should().BeTrue();
        var jar = RequestObjectSigner.Sign(_fixture.Request() with { DcqlQuery = query!, TransactionData = [Payment()] }, _fixture.SigningKey);

        var result = Validator().Validate(jar, _fixture.Request().ClientId.Value);

        result.Errors.Select(e => e.Code).Should().Contain(TransactionDataErrorCodes.HolderBindingRequired);
    }

    [Fact]
    public void Wallet_without_transaction_data_support_still_refuses_it_OID4VP_5()
    {
        var jar = RequestObjectSigner.Sign(_fixture.Request() with { TransactionData = [Payment()] }, _fixture.SigningKey);

        var result = _fixture.Validator().Validate(jar, _fixture.Request().ClientId.Value);

        result.Errors.Select(e => e.Code).Should().Contain(OpenId4VpErrorCodes.TransactionDataUnsupported);
    }

    [Fact]
    public void KB_JWT_hashes_written_by_the_holder_are_read_back_by_the_verifier_OID4VP_B_3_3()
    {
        var items = new[] { Payment(), Payment(algorithms: ["sha-384", "sha-256"]) };
        var claims = TransactionDataHashes.CreateClaims(items);

        claims["transaction_data_hashes_alg"]!.GetValue<string>().Should().Be("sha-256", "sha-256 is preferred when every entry allows it");
        var errors = new List<VerificationError>();
        var authorized = TransactionDataHashes.Read(JsonDocument.Parse(claims.ToJsonString()).RootElement, items, errors);
        errors.Should().BeEmpty();
        authorized.Should().Equal(items);
    }

    [Fact]
    public void A_hash_of_an_entry_that_names_another_query_is_unexpected_OID4VP_B_3_3()
    {
        var mine = Payment();
        var other = Payment(credentialId: "other");
        var claims = TransactionDataHashes.CreateClaims([other]);

        var errors = new List<VerificationError>();
        TransactionDataHashes.Read(JsonDocument.Parse(claims.ToJsonString()).RootElement, [mine], errors).Should().BeEmpty();

        errors.Select(e => e.Code).Should().Equal(TransactionDataErrorCodes.HashUnexpected);
    }

    [Theory]
    [InlineData("""{"transaction_data_hashes":[]}""")]
    [InlineData("""{"transaction_data_hashes":"abc"}""")]
    [InlineData("""{"transaction_data_hashes":["a","a"]}""")]
    [InlineData("""{"transaction_data_hashes_alg":"sha-256"}""")]
    [InlineData("""{"transaction_data_hashes":["a"],"transaction_data_hashes_alg":1}""")]
    public void Malformed_hash_claims_are_refused_OID4VP_B_3_3(string kbPayload)
    {
        var errors = new List<VerificationError>();
        TransactionDataHashes.Read(JsonDocument.Parse(kbPayload).RootElement, [Payment()], errors).Should().BeEmpty();

        errors.Select(e => e.Code).Should().Equal(TransactionDataErrorCodes.HashesMalformed);
    }

    [Fact]
    public void Additional_KB_JWT_claims_cannot_replace_the_RFC_9901_ones()
    {
        var act = () => KeyBindingJwt.Create(SigningKey.Generate(), "aud", "nonce", DateTimeOffset.UnixEpoch, "sd", new JsonObject { ["nonce"] = "other" });

        act.Should().Throw<ArgumentException>().WithMessage("*nonce*");
    }

    private RequestObjectValidator Validator() => new(new RequestObjectValidatorOptions
    {
        ChainValidator = new X509ChainValidator(TrustAnchorStore.FromCertificates([_fixture.Root])),
        TimeProvider = _fixture.Clock,
        TransactionDataTypes = TransactionDataType.Known,
    });

    private static TransactionData Payment(string credentialId = "pid", string[]? algorithms = null)
    {
        var json = new JsonObject
        {
            ["type"] = TransactionDataType.Payment.Name,
            ["credential_ids"] = new JsonArray(credentialId),
            ["payee"] = "Shop",
            ["amount"] = "9.99",
            ["currency"] = "EUR",
        };
        if (algorithms is not null)
        {
            json["transaction_data_hashes_alg"] = new JsonArray([.. algorithms.Select(a => JsonValue.Create(a))]);
        }

        TransactionData.TryCreate(JsonDocument.Parse(json.ToJsonString()).RootElement, TransactionDataType.Known, 0, out var item, out var errors).Should().BeTrue(string.Join("; ", errors));
        return item!;
    }
}
