using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Credentials;
using Wallet.Core.Dcql;
using Wallet.Core.Mdoc;
using Wallet.Core.OpenId4Vp;
using Wallet.Core.SdJwt;
using Wallet.Core.SdJwtVc;

namespace Wallet.Verifier.Validation;

/// <summary>
/// Validates the <c>vp_token</c> of one transaction (OpenID4VP 1.0 §8.6): each presentation with its format's verifier
/// (SD-JWT VC: issuer signature, x5c trust, KB-JWT <c>aud</c> = client_id and <c>nonce</c>, status; mdoc: IACA chain, MSO,
/// digests, validity, deviceSignature over the OpenID4VPHandover SessionTranscript, status), then the DCQL query over
/// the verified credentials. Any failure rejects the whole response; nothing unverified is returned.
/// </summary>
internal sealed class PresentationValidator(SdJwtVcVerifier sdJwtVcVerifier, MdocVerifier mdocVerifier) : IPresentationValidator
{
    /// <inheritdoc />
    public async ValueTask<PresentationResult> ValidateAsync(DcqlQuery query, IReadOnlyList<TransactionData> transactionData, VpToken vpToken, string clientId, string nonce, Uri responseUri, ResponseEncryption encryption, CancellationToken cancellationToken)
    {
        var errors = new List<ResultError>();
        var steps = new List<string>();
        var presented = new Dictionary<string, IReadOnlyList<DcqlCredential>>(StringComparer.Ordinal);
        var verified = new Dictionary<string, IReadOnlyList<VerifiedCredential>>(StringComparer.Ordinal);
        var authorized = new HashSet<TransactionData>();
        foreach (var (id, presentations) in vpToken.Presentations)
        {
            if (!query.TryGetCredentialQuery(id, out var credentialQuery))
            {
                // Left to the DCQL evaluator to report; presentations for unknown ids are never verified or returned.
                presented[id] = [];
                continue;
            }

            var credentials = new List<DcqlCredential>();
            var reported = new List<VerifiedCredential>();
            for (var i = 0; i < presentations.Count; i++)
            {
                var where = $"presentation [{i}] for Credential Query '{id}'";
                switch (credentialQuery.Format)
                {
                    case DcqlFormats.SdJwtVc:
                        steps.Add($"sd_jwt_vc:{id}[{i}]");
                        var candidates = transactionData.Where(t => t.CredentialIds.Contains(id, StringComparer.Ordinal)).ToList();
                        await VerifySdJwtVcAsync(presentations[i], credentialQuery, clientId, nonce, candidates, where, credentials, reported, authorized, errors, cancellationToken).ConfigureAwait(false);
                        break;
                    case DcqlFormats.MsoMdoc:
                        steps.Add($"mdoc:{id}[{i}]");
                        var transcript = SessionTranscript.ForOpenId4VpRedirect(clientId, nonce, encryption, responseUri.AbsoluteUri);
                        await VerifyMdocAsync(presentations[i], credentialQuery, transcript, where, credentials, reported, errors, cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        errors.Add(new(VerifierErrorCodes.UnsupportedFormat, $"The format of Credential Query '{id}' cannot be verified here; only dc+sd-jwt and mso_mdoc can."));
                        break;
                }
            }

            presented[id] = credentials;
            verified[id] = reported;
        }

        if (transactionData.Count > 0)
        {
            // §8.4, B.3.3: every entry is authorized by the KB-JWT of one presented credential it names (§5.1: only one is needed).
            steps.Add("transaction_data");
            for (var i = 0; i < transactionData.Count; i++)
            {
                if (!authorized.Contains(transactionData[i]))
                {
                    errors.Add(new(TransactionDataErrorCodes.HashesMissing, $"transaction_data[{i}] ('{transactionData[i].Type}') is authorized by no KB-JWT of a presentation for {string.Join(" or ", transactionData[i].CredentialIds.Select(c => $"'{c}'"))} (OpenID4VP 1.0 §8.4, B.3.3)."));
                }
            }
        }

        steps.Add("dcql");
        var evaluation = DcqlEvaluator.Evaluate(query, presented);
        errors.AddRange(evaluation.Errors.Select(ResultError.From));
        return errors.Count == 0
            ? new PresentationResult(verified, [], steps)
            : new PresentationResult(new Dictionary<string, IReadOnlyList<VerifiedCredential>>(), errors, steps);
    }

    private async ValueTask VerifySdJwtVcAsync(string presentation, CredentialQuery query, string clientId, string nonce, IReadOnlyList<TransactionData> transactionData, string where, List<DcqlCredential> credentials, List<VerifiedCredential> reported, HashSet<TransactionData> authorized, List<ResultError> errors, CancellationToken cancellationToken)
    {
        // OpenID4VP 1.0 §6.1: a KB-JWT is required unless the query sets require_cryptographic_holder_binding to false.
        // Even then, a KB-JWT that is presented must verify (aud, nonce, iat, sd_hash): it is never ignored. The credential
        // itself still needs cnf (HAIP 1.0 §6.1, SdJwtVcVerifierOptions.RequireHolderBinding).
        var keyBinding = query.RequireCryptographicHolderBinding || !IsWithoutKeyBindingJwt(presentation) ? new KeyBindingExpectation(clientId, nonce) : null;
        var result = await sdJwtVcVerifier.VerifyAsync(presentation, keyBinding, cancellationToken).ConfigureAwait(false);
        if (!result.IsValid)
        {
            errors.AddRange(result.Errors.Select(e => new ResultError(e.Code, $"{where}: {e.Message}")));
            if (result.Errors.Count == 0)
            {
                errors.Add(new(Wallet.Core.SdJwt.SdJwtErrorCodes.Malformed, $"{where}: the SD-JWT VC did not verify."));
            }

            return;
        }

        // B.3.3: read only from a KB-JWT the verifier has just checked (signature by cnf, aud, nonce, sd_hash).
        IReadOnlyList<TransactionData> signed = [];
        if (result.Inner.SdJwt?.KeyBinding is { } kb && result.HolderBinding.IsVerified)
        {
            var hashErrors = new List<Wallet.Core.VerificationError>();
            signed = TransactionDataHashes.Read(kb.Jws.Payload, transactionData, hashErrors);
            if (hashErrors.Count > 0)
            {
                errors.AddRange(hashErrors.Select(e => new ResultError(e.Code, $"{where}: {e.Message}")));
                return;
            }

            authorized.UnionWith(signed);
        }

        var authorities = query.TrustedAuthorities.Count > 0 ? AuthorityKeyIdentifiers(result) : [];
        credentials.Add(DcqlCredential.ForSdJwtVc(result.Vct!, result.Payload!, result.HolderBinding.IsVerified, trustedAuthorities: authorities));
        reported.Add(Report(result, vct: result.Vct) with { TransactionData = signed.Count > 0 ? [.. signed.Select(t => t.Content.DeepClone().AsObject())] : null });
    }

    private async ValueTask VerifyMdocAsync(string presentation, CredentialQuery query, SessionTranscript transcript, string where, List<DcqlCredential> credentials, List<VerifiedCredential> reported, List<ResultError> errors, CancellationToken cancellationToken)
    {
        var result = await mdocVerifier.VerifyAsync(presentation, transcript, cancellationToken).ConfigureAwait(false);
        if (!result.IsValid)
        {
            errors.AddRange(result.AllErrors.Select(e => new ResultError(e.Code, $"{where}: {e.Message}")));
            if (!result.AllErrors.Any())
            {
                errors.Add(new(MdocErrorCodes.NoDocuments, $"{where}: the DeviceResponse did not verify."));
            }

            return;
        }

        foreach (var document in result.Documents)
        {
            // OpenID4VP uses deviceSignature (B.2.6); a deviceMac cannot be keyed without a reader key exchange.
            var holderBinding = document.HolderBinding.IsVerified && document.DeviceAuthMethod == DeviceAuthMethod.Signature;
            var authorities = query.TrustedAuthorities.Count > 0 ? AuthorityKeyIdentifiers(document) : [];
            credentials.Add(DcqlCredential.ForMdoc(document.DocType, document.Claims!, holderBinding, authorities));
            reported.Add(Report(document, doctype: document.DocType));
        }
    }

    private static VerifiedCredential Report(CredentialVerificationResult result, string? vct = null, string? doctype = null) =>
        new(result.Format, result.Issuer, result.LevelOfAssurance?.ToString().ToLowerInvariant(), result.Claims!.DeepClone().AsObject(), Status(result.Status), result.HolderBinding.IsVerified, vct, doctype)
        {
            TrustAnchor = result.TrustAnchor?.DisplayName,
        };

    private static string Status(CredentialStatus status) => status switch
    {
        CredentialStatus.Valid => "valid",
        CredentialStatus.Revoked => "revoked",
        CredentialStatus.Suspended => "suspended",
        _ => "unchecked",
    };

    // OpenID4VP 1.0 §6.1.1.1: an "aki" value is the base64url KeyIdentifier of the AuthorityKeyIdentifier of any X.509
    // certificate in the chain present in the credential (x5c / x5chain; it may be the leaf alone, or leave out the root).
    // Every certificate's identifier is offered, so a query naming the root CA matches a leaf issued by an intermediate.
    // The validated chain ends with the trust anchor, which the credential does not carry (HAIP 1.0 §4.1): it is left out.
    private static TrustedAuthorityIdentifier[] AuthorityKeyIdentifiers(CredentialVerificationResult result) =>
        result.IssuerChain.SkipLast(1).Select(c => c.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().FirstOrDefault()?.KeyIdentifier)
            .OfType<ReadOnlyMemory<byte>>()
            .Select(keyId => System.Buffers.Text.Base64Url.EncodeToString(keyId.Span))
            .Distinct(StringComparer.Ordinal)
            .Select(value => new TrustedAuthorityIdentifier(TrustedAuthorityTypes.Aki, value))
            .ToArray();

    // RFC 9901 §4: an SD-JWT without Key Binding ends with '~'; with it, the KB-JWT follows the last '~'.
    private static bool IsWithoutKeyBindingJwt(string presentation) => presentation.EndsWith('~');
}
