using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Wallet.Core.Dcql;
using Wallet.Core.Jose;
using Wallet.Core.OAuth;
using Wallet.Core.OpenId4Vp;

namespace Wallet.Verifier.Transactions;

/// <summary>
/// Chooses the Request Object's and the response's algorithms from what the Wallet said it supports in
/// <c>wallet_metadata</c> (OpenID4VP 1.0 §5.10, §10.1). When nothing fits, the fetch is answered with an HTTP error, on
/// which the Wallet terminates (§5.10.2): <c>vp_formats_not_supported</c> (§8.5) when the Wallet presents none of the
/// queried formats with an algorithm this Verifier accepts, otherwise <c>invalid_request</c> naming what did not fit.
/// </summary>
internal static class WalletMetadataFit
{
    // The key agreement of every encrypted response of this Verifier (HAIP 1.0 §5: ECDH-ES with P-256).
    private const string ResponseEncryptionAlgorithm = "ECDH-ES";

    /// <summary>
    /// The <c>enc</c> values to announce (all of <paramref name="verifierEncValues"/> the Wallet supports), or the OAuth
    /// error and why. <paramref name="encrypted"/>: the response mode encrypts the response (<c>direct_post.jwt</c>).
    /// </summary>
    public static bool TryChoose(
        WalletMetadata wallet,
        JwsAlgorithm signingAlgorithm,
        bool encrypted,
        IReadOnlyList<JweContentEncryption> verifierEncValues,
        DcqlQuery query,
        JsonObject verifierFormats,
        [NotNullWhen(true)] out IReadOnlyList<JweContentEncryption>? encValues,
        [NotNullWhen(false)] out string? error,
        [NotNullWhen(false)] out string? description)
    {
        encValues = null;

        // §5.10: the Wallet lists the algorithms it accepts for a signed Request Object; this Verifier has one key.
        if (wallet.RequestObjectSigningAlgValuesSupported is { } signing && !signing.Contains(signingAlgorithm.Name, StringComparer.Ordinal))
        {
            return Fail(OAuthErrors.InvalidRequest, $"The Request Object is signed with {signingAlgorithm.Name}, which the Wallet's request_object_signing_alg_values_supported does not list (OpenID4VP 1.0 §5.10).", out error, out description);
        }

        // §8.3: the Wallet must present at least one queried format with an algorithm this Verifier verifies.
        if (!query.Credentials.Any(c => verifierFormats[c.Format] is JsonObject ours && wallet.Supports(c.Format, ours)))
        {
            return Fail(OpenId4VpErrors.VpFormatsNotSupported, $"The Wallet's vp_formats_supported has none of the queried formats ({string.Join(", ", query.Credentials.Select(c => c.Format).Distinct())}) with an algorithm this Verifier accepts (OpenID4VP 1.0 §10.1).", out error, out description);
        }

        var chosen = verifierEncValues;
        if (encrypted)
        {
            // §5.10, §8.3: the response is encrypted with ECDH-ES to the Verifier's ephemeral key, and an enc both support.
            if (wallet.AuthorizationEncryptionAlgValuesSupported is { } algs && !algs.Contains(ResponseEncryptionAlgorithm, StringComparer.Ordinal))
            {
                return Fail(OAuthErrors.InvalidRequest, $"The response must be encrypted with {ResponseEncryptionAlgorithm}, which the Wallet's authorization_encryption_alg_values_supported does not list (OpenID4VP 1.0 §5.10).", out error, out description);
            }

            if (wallet.AuthorizationEncryptionEncValuesSupported is { } encs)
            {
                chosen = verifierEncValues.Where(e => encs.Contains(e.Name, StringComparer.Ordinal)).ToArray();
                if (chosen.Count == 0)
                {
                    return Fail(OAuthErrors.InvalidRequest, $"None of this Verifier's enc values ({string.Join(", ", verifierEncValues.Select(e => e.Name))}) is in the Wallet's authorization_encryption_enc_values_supported (OpenID4VP 1.0 §5.10).", out error, out description);
                }
            }
        }

        encValues = chosen;
        error = null;
        description = null;
        return true;
    }

    private static bool Fail(string code, string message, out string error, out string description)
    {
        error = code;
        description = message;
        return false;
    }
}
