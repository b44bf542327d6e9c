using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Wallet.Core.Jose;
using Wallet.Core.OpenId4Vci;
using Wallet.Core.Security;

namespace Wallet.Client;

/// <summary>
/// The wallet side of encrypted Credential Requests and Responses (OpenID4VCI 1.0 §8.2, §10): a fresh P-256 key per
/// request for the response, the request encrypted to the issuer's published key, the response decrypted and checked.
/// </summary>
internal sealed class CredentialMessageEncryption : IDisposable
{
    private readonly PublicJwk _issuerKey;
    private readonly JweContentEncryption _requestEncryption;
    private readonly ECDiffieHellman _walletKey;
    private readonly CredentialResponseEncryption _asked;

    private CredentialMessageEncryption(PublicJwk issuerKey, JweContentEncryption requestEncryption, JweContentEncryption responseEncryption)
    {
        _issuerKey = issuerKey;
        _requestEncryption = requestEncryption;
        _walletKey = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        using var ecdsa = ECDsa.Create(_walletKey.ExportParameters(includePrivateParameters: false));
        _asked = new CredentialResponseEncryption(PublicJwk.FromECDsa(ecdsa, RandomHandle.Create(RandomHandle.MinimumBytes)), responseEncryption);
    }

    /// <summary>What the step prints.</summary>
    public string Description => $"request and response encrypted (ECDH-ES, {_requestEncryption.Name} / {_asked.ContentEncryption.Name})";

    /// <summary>
    /// The encryption to use for a request to this issuer under <paramref name="policy"/>, or null when none is used.
    /// Fails the step when the issuer requires what it does not offer in a form this wallet supports, or when the policy
    /// is <see cref="CredentialEncryptionPolicy.Always"/> and the issuer offers none.
    /// </summary>
    public static CredentialMessageEncryption? For(CredentialIssuerMetadata metadata, CredentialEncryptionPolicy policy, string step)
    {
        var request = metadata.RequestEncryption;
        var response = metadata.ResponseEncryption;
        var required = request?.EncryptionRequired == true || response?.EncryptionRequired == true;
        var wanted = policy switch
        {
            CredentialEncryptionPolicy.Always => true,
            CredentialEncryptionPolicy.WhenOffered => request is not null && response is not null,
            _ => required,
        };
        if (!wanted)
        {
            return null;
        }

        var issuerKey = request?.Keys.FirstOrDefault(k => !string.IsNullOrEmpty(k.KeyId));
        var requestEnc = Preferred(request?.ContentEncryptions);
        var responseEnc = response is { OffersEcdhEs: true } ? Preferred(response.ContentEncryptions) : null;
        if (issuerKey is null || requestEnc is null || responseEnc is null)
        {
            throw WalletHttp.Fail(step, OpenId4VciErrors.InvalidEncryptionParameters, required
                ? "The issuer requires encrypted credential messages but offers no ECDH-ES key and A128GCM/A256GCM this wallet can use (OpenID4VCI 1.0 §10, §12.2.4)."
                : "Credential encryption was asked for, but the issuer offers no usable credential_request_encryption and credential_response_encryption (OpenID4VCI 1.0 §12.2.4).");
        }

        return new CredentialMessageEncryption(issuerKey, requestEnc, responseEnc);
    }

    /// <summary>Adds <c>credential_response_encryption</c> to <paramref name="body"/> and encrypts it as <c>application/jwt</c> (§8.2: the request that asks for it is encrypted).</summary>
    public HttpContent Encrypt(JsonObject body)
    {
        body["credential_response_encryption"] = _asked.ToJsonObject();
        var jwe = EncryptedCredentialMessage.EncryptRequest(Encoding.UTF8.GetBytes(body.ToJsonString()), _issuerKey, _requestEncryption);
        return new StringContent(jwe, Encoding.ASCII, EncryptedCredentialMessage.MediaType);
    }

    /// <summary>Decrypts a successful response, which must be a JWE to this request's key with the asked <c>enc</c> (§8.3, §10).</summary>
    public WalletHttpResponse Open(string step, WalletHttpResponse response, int maxLength)
    {
        if (response.MediaType != EncryptedCredentialMessage.MediaType)
        {
            throw WalletHttp.Fail(step, WalletClientErrors.InvalidResponse, $"An encrypted response (application/jwt) was asked for, got '{response.MediaType ?? "no content type"}' (OpenID4VCI 1.0 §8.3).", (int)response.StatusCode);
        }

        if (!EncryptedCredentialMessage.TryDecryptResponse(response.Body.Trim(), _walletKey, _asked, maxLength, out var plaintext, out var error))
        {
            throw WalletHttp.Fail(step, WalletClientErrors.InvalidResponse, $"The encrypted response does not decrypt as asked: {error.Message}", (int)response.StatusCode);
        }

        return response with { MediaType = "application/json", Body = Encoding.UTF8.GetString(plaintext) };
    }

    public void Dispose() => _walletKey.Dispose();

    // HAIP 1.0 §5: a wallet that supports both SHOULD use A256GCM.
    private static JweContentEncryption? Preferred(IReadOnlyList<JweContentEncryption>? offered) =>
        offered is not { Count: > 0 } ? null : offered.Contains(JweContentEncryption.A256GCM) ? JweContentEncryption.A256GCM : offered[0];
}
