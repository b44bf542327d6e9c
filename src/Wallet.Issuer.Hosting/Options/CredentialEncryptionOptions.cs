using Wallet.Core.Jose;

namespace Wallet.Issuer.Options;

/// <summary>
/// Encryption of Credential Requests and Responses on top of TLS (OpenID4VCI 1.0 §10), published as
/// <c>credential_request_encryption</c> and <c>credential_response_encryption</c> (§12.2.4). Always offered with
/// <c>ECDH-ES</c> and AES-GCM; whether it is required is decided per deployment. The request decryption keys are
/// P-256 keys in <c>{DataDirectory}/request-encryption-keys</c>, one generated on first run (see specs/key-management.md).
/// </summary>
public sealed class CredentialEncryptionOptions
{
    /// <summary>Refuse unencrypted Credential Requests (<c>credential_request_encryption.encryption_required</c>). Default false.</summary>
    public bool RequestEncryptionRequired { get; set; }

    /// <summary>
    /// Refuse Credential Requests without <c>credential_response_encryption</c>
    /// (<c>credential_response_encryption.encryption_required</c>). Requires <see cref="RequestEncryptionRequired"/>, since
    /// a request asking for response encryption must itself be encrypted (§8.2). Default false.
    /// </summary>
    public bool ResponseEncryptionRequired { get; set; }

    /// <summary>The <c>enc</c> values accepted for requests and offered for responses: A128GCM and/or A256GCM. Default both (HAIP 1.0 §5).</summary>
    public List<string> ContentEncryptions { get; set; } = [.. JweContentEncryption.All.Select(e => e.Name)];

    /// <summary>The parsed <see cref="ContentEncryptions"/>, in configured order; valid after options validation.</summary>
    internal IReadOnlyList<JweContentEncryption> Allowed =>
        [.. ContentEncryptions.Select(n => JweContentEncryption.TryFromName(n, out var e) ? e : null).OfType<JweContentEncryption>().Distinct()];

    internal IEnumerable<string> Validate(string section)
    {
        if (ContentEncryptions is null || ContentEncryptions.Count == 0)
        {
            yield return $"{section}:ContentEncryptions must name at least one of A128GCM, A256GCM (OpenID4VCI 1.0 §12.2.4 enc_values_supported is non-empty).";
        }
        else
        {
            for (var i = 0; i < ContentEncryptions.Count; i++)
            {
                if (!JweContentEncryption.TryFromName(ContentEncryptions[i], out _))
                {
                    yield return $"{section}:ContentEncryptions:{i} must be A128GCM or A256GCM.";
                }
            }
        }

        if (ResponseEncryptionRequired && !RequestEncryptionRequired)
        {
            yield return $"{section}:ResponseEncryptionRequired needs {section}:RequestEncryptionRequired: a request asking for an encrypted response must be encrypted (OpenID4VCI 1.0 §8.2).";
        }
    }
}
