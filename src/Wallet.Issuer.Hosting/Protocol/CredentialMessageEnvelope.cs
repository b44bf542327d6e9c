using Microsoft.Extensions.Options;
using Wallet.Core.OpenId4Vci;
using Wallet.Hosting;
using Wallet.Issuer.Options;
using Wallet.Issuer.Signing;

namespace Wallet.Issuer.Protocol;

/// <summary>
/// The encryption envelope of the Credential and Deferred Credential Endpoints (OpenID4VCI 1.0 §8.2, §9.1, §10): opens
/// an encrypted (<c>application/jwt</c>) or plain (<c>application/json</c>) request body and checks the response
/// encryption the request asks for. Both endpoints call it, so the rules hold for both; the response side is
/// <c>CredentialResponseWriter</c>.
/// </summary>
internal sealed class CredentialMessageEnvelope(IOptions<IssuerOptions> options, ICredentialRequestDecryptionKeys keys)
{
    /// <summary>Largest accepted encrypted request, in characters (the endpoint bounds the body in bytes before this).</summary>
    public const int MaxEncryptedRequestLength = 512 * 1024;

    /// <summary>
    /// The request's JSON: the body itself for <c>application/json</c>, or the plaintext of the JWE for
    /// <c>application/jwt</c> (§10). An unencrypted body is refused when the deployment requires encryption.
    /// </summary>
    public (ReadOnlyMemory<byte> Json, bool Encrypted, ProtocolError? Error) Open(bool isJson, bool isJwt, ReadOnlyMemory<byte> body, string endpoint)
    {
        var settings = options.Value.CredentialEncryption;
        if (isJwt)
        {
            var compact = body.Length > MaxEncryptedRequestLength ? null : System.Text.Encoding.ASCII.GetString(body.Span).Trim();
            if (compact is null || !System.Text.Ascii.IsValid(body.Span))
            {
                return (default, true, ProtocolError.Create(OpenId4VciErrors.InvalidCredentialRequest, $"The encrypted {endpoint} Request must be a compact JWE of at most {MaxEncryptedRequestLength} ASCII characters (OpenID4VCI 1.0 Sec. 10)."));
            }

            if (!EncryptedCredentialMessage.TryDecryptRequest(compact, keys.Keys, settings.Allowed, MaxEncryptedRequestLength, out var plaintext, out var error))
            {
                return (default, true, ProtocolError.Create(EncryptedCredentialMessage.WireErrorFor(error.Code), $"The encrypted {endpoint} Request cannot be decrypted: {error.Message}"));
            }

            return (plaintext, true, null);
        }

        if (!isJson)
        {
            return (default, false, ProtocolError.Create(OpenId4VciErrors.InvalidCredentialRequest, $"The {endpoint} Request must be application/json, or application/jwt when encrypted (OpenID4VCI 1.0 Sec. 8.2, 10)."));
        }

        if (settings.RequestEncryptionRequired)
        {
            return (default, false, ProtocolError.Create(OpenId4VciErrors.InvalidEncryptionParameters, $"This issuer requires encrypted {endpoint} Requests (credential_request_encryption.encryption_required, OpenID4VCI 1.0 Sec. 10, 12.2.4)."));
        }

        return (body, false, null);
    }

    /// <summary>
    /// Checks the <c>credential_response_encryption</c> of a request that was opened by <see cref="Open"/>: it must have
    /// come encrypted (§8.2, §9.1: otherwise an attacker could substitute the key), its <c>enc</c> must be offered, and
    /// it must be present when the deployment requires encrypted responses (§8.3.1.2 <c>invalid_encryption_parameters</c>).
    /// </summary>
    public ProtocolError? CheckResponseEncryption(CredentialResponseEncryption? asked, bool requestEncrypted, string endpoint)
    {
        var settings = options.Value.CredentialEncryption;
        if (asked is null)
        {
            return settings.ResponseEncryptionRequired
                ? ProtocolError.Create(OpenId4VciErrors.InvalidEncryptionParameters, $"This issuer requires encrypted {endpoint} Responses; send credential_response_encryption (OpenID4VCI 1.0 Sec. 8.3.1.2, 12.2.4).")
                : null;
        }

        if (!requestEncrypted)
        {
            return ProtocolError.Create(OpenId4VciErrors.InvalidEncryptionParameters, $"credential_response_encryption is accepted only in an encrypted {endpoint} Request, so it cannot be substituted (OpenID4VCI 1.0 Sec. 8.2).");
        }

        if (!settings.Allowed.Contains(asked.ContentEncryption))
        {
            return ProtocolError.Create(OpenId4VciErrors.InvalidEncryptionParameters, $"The enc '{asked.ContentEncryption.Name}' is not in credential_response_encryption.enc_values_supported (OpenID4VCI 1.0 Sec. 12.2.4).");
        }

        return null;
    }

    /// <summary>The two metadata parameters of §12.2.4, from the options and the current keys.</summary>
    public (CredentialRequestEncryptionMetadata Request, CredentialResponseEncryptionMetadata Response) Metadata()
    {
        var settings = options.Value.CredentialEncryption;
        return (
            new CredentialRequestEncryptionMetadata { Keys = [.. keys.Keys.Select(k => k.PublicKey)], ContentEncryptions = settings.Allowed, EncryptionRequired = settings.RequestEncryptionRequired },
            new CredentialResponseEncryptionMetadata { ContentEncryptions = settings.Allowed, EncryptionRequired = settings.ResponseEncryptionRequired });
    }
}
