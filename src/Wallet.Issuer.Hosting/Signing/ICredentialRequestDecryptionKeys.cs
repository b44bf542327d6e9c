using Wallet.Core.OpenId4Vci;

namespace Wallet.Issuer.Signing;

/// <summary>The keys encrypted Credential Requests are decrypted with, all published in <c>credential_request_encryption.jwks</c> (OpenID4VCI 1.0 §12.2.4).</summary>
internal interface ICredentialRequestDecryptionKeys
{
    /// <summary>The current keys, newest first, each with a unique <c>kid</c>; never empty.</summary>
    IReadOnlyList<CredentialRequestDecryptionKey> Keys { get; }
}
