using Wallet.Core.Dcql;
using Wallet.Core.OpenId4Vp;
using Wallet.Verifier.Stores;
using Wallet.Verifier.Transactions;

namespace Wallet.Verifier.Page;

/// <summary>
/// The checks behind a verified result, in the order the Verifier runs them (see specs/verifier.md). A result is only
/// verified when every one of them passed, so for a verified result the list is exactly what was established; a rejected
/// result is shown by its errors instead.
/// </summary>
internal static class DemoCheckList
{
    public static IReadOnlyList<DemoCheck> For(TransactionRecord transaction, PresentationStatusView view)
    {
        if (view.Status != "verified")
        {
            return [];
        }

        var checks = new List<DemoCheck>();
        if (transaction.ResponseMode == ResponseModes.DirectPostJwt)
        {
            checks.Add(new("Response decrypted", "JWE with ECDH-ES to this transaction's ephemeral P-256 key; the AES-GCM tag verified (OpenID4VP 1.0 §8.3, HAIP 1.0 §5)."));
        }

        checks.Add(new("One response", "This transaction accepted exactly one response; replays are refused (OpenID4VP 1.0 §8.2)."));
        checks.Add(new("state", "The returned state is the request's (OpenID4VP 1.0 §5.3)."));
        checks.Add(new("nonce", "The request nonce was consumed once (OpenID4VP 1.0 §14.1)."));
        if (transaction.RedirectUri is not null)
        {
            checks.Add(new("Response code", "The result was released only for the response_code from the wallet's redirect (OpenID4VP 1.0 §14.2)."));
        }

        foreach (var (id, credentials) in view.Credentials)
        {
            for (var i = 0; i < credentials.Count; i++)
            {
                var credential = credentials[i];
                var where = $"{id}[{i}]";
                var level = credential.LevelOfAssurance is null ? "no level of assurance tagged" : $"level of assurance {credential.LevelOfAssurance}";
                var status = credential.Status == "unchecked"
                    ? "The credential carries no status reference, so there was nothing to check."
                    : $"Token Status List entry fetched, signature and chain verified, status '{credential.Status}' (fail closed otherwise).";
                if (credential.Format == DcqlFormats.SdJwtVc)
                {
                    checks.Add(new($"{where}: issuer signature", "The issuer-signed JWT verified with the key of its x5c leaf; typ dc+sd-jwt; ES256/384/512 only (SD-JWT VC, HAIP 1.0 §6.1)."));
                    checks.Add(new($"{where}: issuer trusted", $"The x5c chain leads to a configured trust anchor ({level})."));
                    checks.Add(new($"{where}: disclosures", "Every disclosure's digest is in the signed payload, none twice (RFC 9901 §7.1)."));
                    checks.Add(new($"{where}: validity", "nbf and exp hold at the time of verification (RFC 7519 §4.1.4, §4.1.5)."));
                    checks.Add(credential.HolderBinding
                        ? new($"{where}: key binding", "KB-JWT signed by the cnf key; aud is this client_id, nonce this request's, iat recent, sd_hash over the presentation (RFC 9901 §7.3, OpenID4VP 1.0 B.3.6).")
                        : new($"{where}: key binding", "Not required by the query (require_cryptographic_holder_binding: false) and not presented: nothing proves the presenter holds the credential (OpenID4VP 1.0 §6.1)."));
                }
                else
                {
                    checks.Add(new($"{where}: issuer signature", "The MSO's COSE_Sign1 verified with the document signer's key (ISO/IEC 18013-5 9.1.2.4)."));
                    checks.Add(new($"{where}: issuer trusted", $"The document signer chains to a configured IACA trust anchor ({level})."));
                    checks.Add(new($"{where}: digests", "Each disclosed element's digest matches the MSO (ISO/IEC 18013-5 9.3.1)."));
                    checks.Add(new($"{where}: validity", "validFrom and validUntil hold now, and the MSO was signed within the document signer certificate's validity (ISO/IEC 18013-5 9.3.1)."));
                    checks.Add(new($"{where}: device signature", "deviceSignature over the OpenID4VPHandover of this client_id, nonce, response_uri and encryption key thumbprint (OpenID4VP 1.0 B.2.6.1)."));
                }

                checks.Add(new($"{where}: status", status));
            }
        }

        checks.Add(new("DCQL", "The presentations satisfy the query: formats, types, every requested claim, credential sets, trusted_authorities and holder binding (OpenID4VP 1.0 §6)."));
        return checks;
    }
}
