using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Wallet.Core.Dcql;
using Wallet.Core.Jose;
using Wallet.Core.Json;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vci;
using Wallet.Core.OpenId4Vp;
using Wallet.Core.SdJwt;

namespace Wallet.Core.Tests.Json;

/// <summary>
/// Invalid Unicode in a string value or a member name reaches every parser of JSON from other parties; each refuses it
/// with a coded error, and none throws (RFC 8259 §8.1). Before <see cref="StrictJson"/> these parsers accepted the
/// document and <c>GetString()</c> threw later, as unauthenticated 500s at /token, /par, /credential and the Verifier's
/// response endpoint.
/// </summary>
public sealed class InvalidUnicodeAtEachParserTests
{
    private delegate VerificationError? Parser(byte[] json);

    private sealed record Target(string ValueTemplate, string NameTemplate, bool TakesBytes, string ExpectedCode, Parser Parse);

    private static readonly string Signature = Base64Url.EncodeToString(new byte[64]);

    private static string Jws(byte[] header, string payload = "{}") =>
        $"{Base64Url.EncodeToString(header)}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload))}.{Signature}";

    private static readonly Dictionary<string, Target> Targets = new Dictionary<string, Target>
    {
        ["JWS protected header"] = new("""{"alg":"ES256","kid":"@"}""", """{"alg":"ES256","@":1}""", true, JsonErrorCodes.InvalidUtf8,
            json => CompactJws.TryParse(Jws(json), JoseLimits.Default, out _, out var error) ? null : error),
        ["JWS payload"] = new("""{"iss":"@"}""", """{"@":1}""", true, JsonErrorCodes.InvalidUtf8,
            json => CompactJws.TryParse($"{Base64Url.EncodeToString("""{"alg":"ES256"}"""u8)}.{Base64Url.EncodeToString(json)}.{Signature}", JoseLimits.Default, out _, out var error) ? null : error),
        ["JWE protected header (kid)"] = new("""{"alg":"ECDH-ES","enc":"A128GCM","kid":"@"}""", """{"alg":"ECDH-ES","@":"A128GCM"}""", true, JsonErrorCodes.InvalidUtf8,
            json => Decrypt(json)),
        ["SD-JWT Disclosure"] = new("""["salt","given_name","@"]""", """["salt","address",{"@":1}]""", true, JsonErrorCodes.InvalidUtf8,
            json => Disclosure.TryParse(Base64Url.EncodeToString(json), SdJwtLimits.Default, out _, out var error) ? null : error),
        ["SD-JWT issuer header (x5c)"] = new("""{"alg":"ES256","typ":"dc+sd-jwt","x5c":["@"]}""", """{"alg":"ES256","@":"dc+sd-jwt"}""", true, SdJwtErrorCodes.IssuerJwtMalformed,
            json => Wallet.Core.SdJwt.SdJwt.TryParse(Jws(json) + "~", SdJwtLimits.Default, out _, out var error) ? null : error),
        ["Credential Request body"] = new("""{"credential_configuration_id":"@"}""", """{"@":"x"}""", true, JsonErrorCodes.InvalidUtf8,
            json => CredentialRequest.TryParse(json, OpenId4VciLimits.Default, out _, out var error) ? null : error),
        ["DPoP proof header (alg)"] = new("""{"typ":"dpop+jwt","alg":"@"}""", """{"typ":"dpop+jwt","@":"ES256"}""", true, OAuthErrors.InvalidDpopProof,
            json => WireError(new DpopProofValidator(new DpopValidatorOptions()).ValidateAsync(new DpopValidationRequest([Jws(json)], "POST", new Uri("https://issuer.example/token"))).AsTask().Result)),
        ["DPoP proof payload (jti)"] = new("""{"jti":"@","htm":"POST"}""", """{"@":"x","htm":"POST"}""", true, OAuthErrors.InvalidDpopProof,
            json => WireError(new DpopProofValidator(new DpopValidatorOptions()).ValidateAsync(new DpopValidationRequest([$"{Base64Url.EncodeToString("""{"typ":"dpop+jwt","alg":"ES256"}"""u8)}.{Base64Url.EncodeToString(json)}.{Signature}"], "POST", new Uri("https://issuer.example/token"))).AsTask().Result)),
        ["key proof header"] = new("""{"typ":"openid4vci-proof+jwt","alg":"ES256","kid":"@"}""", """{"typ":"openid4vci-proof+jwt","@":"ES256"}""", true, OpenId4VciErrors.InvalidProof,
            json => WireError(new KeyProofValidator(new KeyProofValidatorOptions { CredentialIssuer = "https://issuer.example" }).ValidateAsync([Jws(json)], (_, _) => ValueTask.FromResult(true)).AsTask().Result)),
        ["vp_token (direct_post form value)"] = new("""{"pid":["@"]}""", """{"@":["x"]}""", false, JsonErrorCodes.InvalidUtf8,
            json => VpToken.TryParse(Text(json), OpenId4VpLimits.Default, out _, out var error) ? null : error),
        ["Credential Offer"] = new("""{"credential_issuer":"@","credential_configuration_ids":["x"]}""", """{"@":1,"credential_configuration_ids":["x"]}""", false, JsonErrorCodes.InvalidUtf8,
            json => CredentialOffer.TryParse(Text(json), OpenId4VciLimits.Default, out _, out var error) ? null : error),
        ["Credential Issuer Metadata"] = new("""{"credential_issuer":"@"}""", """{"@":"https://issuer.example"}""", false, JsonErrorCodes.InvalidUtf8,
            json => CredentialIssuerMetadata.TryParse(Text(json), "https://issuer.example", OpenId4VciLimits.Default, out _, out var error) ? null : error),
        ["DCQL query"] = new("""{"credentials":[{"id":"@","format":"dc+sd-jwt"}]}""", """{"credentials":[{"@":"x","format":"dc+sd-jwt"}]}""", false, JsonErrorCodes.InvalidUtf8,
            json => DcqlQuery.TryParse(Text(json), DcqlLimits.Default, out _, out var errors) ? null : errors[0]),
        ["JWK"] = new("""{"kty":"EC","crv":"@","x":"AA","y":"AA"}""", """{"kty":"EC","@":"P-256"}""", false, JsonErrorCodes.InvalidUtf8,
            json => PublicJwk.TryParse(Text(json), out _, out var error) ? null : error),
        ["authorization_details"] = new("""[{"type":"openid_credential","credential_configuration_id":"@"}]""", """[{"type":"openid_credential","@":"x"}]""", false, JsonErrorCodes.InvalidUtf8,
            json => Wallet.Core.OAuth.AuthorizationRequest.TryParse(AuthorizationParameters(Text(json)), out _, out var error) ? null : error),
    };

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (target, definition) in Targets)
        {
            foreach (var (name, _) in InvalidUnicode.All.Where(c => definition.TakesBytes || InvalidUnicode.Escaped.ContainsKey(c.Name)))
            {
                data.Add(target, name, "value");
                data.Add(target, name, "member name");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Invalid_unicode_is_refused_with_a_code_and_never_throws_RFC8259_8_1(string target, string invalid, string placement)
    {
        var definition = Targets[target];
        var json = InvalidUnicode.Fill(placement == "value" ? definition.ValueTemplate : definition.NameTemplate, InvalidUnicode.All.Single(c => c.Name == invalid).Bytes);

        var error = definition.Parse(json);

        error.Should().NotBeNull("invalid Unicode must not be accepted");
        error!.Code.Should().Be(definition.ExpectedCode);
    }

    [Fact]
    public void Every_wrapping_parser_names_the_json_code_in_its_message()
    {
        var json = InvalidUnicode.Fill(Targets["SD-JWT issuer header (x5c)"].ValueTemplate, [0xFF]);

        Targets["SD-JWT issuer header (x5c)"].Parse(json)!.Message.Should().Contain(JsonErrorCodes.InvalidUtf8);
    }

    private static string Text(byte[] json) => Encoding.UTF8.GetString(json);

    private static VerificationError? WireError(DpopValidationResult result) =>
        result.Succeeded ? null : new VerificationError(result.WireError!, string.Join("; ", result.Errors));

    private static VerificationError? WireError(KeyProofValidationResult result) =>
        result.Succeeded ? null : new VerificationError(result.WireError!, string.Join("; ", result.Errors));

    private static VerificationError? Decrypt(byte[] header)
    {
        using var recipient = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var compact = $"{Base64Url.EncodeToString(header)}..{Base64Url.EncodeToString(new byte[12])}.{Base64Url.EncodeToString(new byte[8])}.{Base64Url.EncodeToString(new byte[16])}";
        return EcdhEsJwe.TryDecrypt(compact, recipient, null, out _, out var error) ? null : error;
    }

    private static Dictionary<string, string[]> AuthorizationParameters(string details) => new(StringComparer.Ordinal)
    {
        ["response_type"] = ["code"],
        ["client_id"] = ["wallet"],
        ["redirect_uri"] = ["https://wallet.example/cb"],
        ["code_challenge"] = ["E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"],
        ["code_challenge_method"] = ["S256"],
        ["authorization_details"] = [details],
    };
}
