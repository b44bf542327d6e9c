using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
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
internal sealed class PresentationValidator(SdJwtVcVerifier sdJwtVcVerifier, MdocVerifier mdocVerifier)
{
    private static readonly string[] TechnicalClaims = ["cnf", "status"];

    /// <summary>Validates <paramref name="vpToken"/> against the request it answers.</summary>
    /// <param name="query">The request's DCQL query.</param>
    /// <param name="vpToken">The received presentations.</param>
    /// <param name="clientId">The full Client Identifier (KB-JWT <c>aud</c>, handover).</param>
    /// <param name="nonce">The request nonce.</param>
    /// <param name="responseUri">The request's <c>response_uri</c> (handover).</param>
    /// <param name="encryptionKeyThumbprint">The JWK thumbprint of the ephemeral key for <c>direct_post.jwt</c>, else null (handover).</param>
    /// <param name="cancellationToken">Cancels status list fetches.</param>
    public async ValueTask<PresentationResult> ValidateAsync(DcqlQuery query, VpToken vpToken, string clientId, string nonce, Uri responseUri, byte[]? encryptionKeyThumbprint, CancellationToken cancellationToken)
    {
        var errors = new List<ResultError>();
        var steps = new List<string>();
        var presented = new Dictionary<string, IReadOnlyList<DcqlCredential>>(StringComparer.Ordinal);
        var verified = new Dictionary<string, IReadOnlyList<VerifiedCredential>>(StringComparer.Ordinal);
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
                        await VerifySdJwtVcAsync(presentations[i], clientId, nonce, where, credentials, reported, errors, cancellationToken).ConfigureAwait(false);
                        break;
                    case DcqlFormats.MsoMdoc:
                        steps.Add($"mdoc:{id}[{i}]");
                        var transcript = SessionTranscript.ForOpenId4VpRedirect(clientId, nonce, encryptionKeyThumbprint, responseUri.AbsoluteUri);
                        await VerifyMdocAsync(presentations[i], transcript, where, credentials, reported, errors, cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        errors.Add(new(VerifierErrorCodes.UnsupportedFormat, $"The format of Credential Query '{id}' cannot be verified here; only dc+sd-jwt and mso_mdoc can."));
                        break;
                }
            }

            presented[id] = credentials;
            verified[id] = reported;
        }

        steps.Add("dcql");
        var evaluation = DcqlEvaluator.Evaluate(query, presented);
        errors.AddRange(evaluation.Errors.Select(ResultError.From));
        return errors.Count == 0
            ? new PresentationResult(verified, [], steps)
            : new PresentationResult(new Dictionary<string, IReadOnlyList<VerifiedCredential>>(), errors, steps);
    }

    private async ValueTask VerifySdJwtVcAsync(string presentation, string clientId, string nonce, string where, List<DcqlCredential> credentials, List<VerifiedCredential> reported, List<ResultError> errors, CancellationToken cancellationToken)
    {
        var result = await sdJwtVcVerifier.VerifyAsync(presentation, new KeyBindingExpectation(clientId, nonce), cancellationToken).ConfigureAwait(false);
        if (!result.IsValid)
        {
            errors.AddRange(result.Errors.Select(e => new ResultError(e.Code, $"{where}: {e.Message}")));
            if (result.Errors.Count == 0)
            {
                errors.Add(new(Wallet.Core.SdJwt.SdJwtErrorCodes.Malformed, $"{where}: the SD-JWT VC did not verify."));
            }

            return;
        }

        var authorities = AuthorityKeyIdentifiers(result.Inner.Issuer?.Certificate);
        credentials.Add(DcqlCredential.ForSdJwtVc(result.Vct!, result.Claims, result.HolderBindingVerified, trustedAuthorities: authorities));
        var claims = (JsonObject)result.Claims.DeepClone();
        foreach (var name in TechnicalClaims)
        {
            claims.Remove(name);
        }

        reported.Add(new VerifiedCredential(DcqlFormats.SdJwtVc, result.IssuerIdentifier, result.LevelOfAssurance?.ToString().ToLowerInvariant(), claims, Status(result.Status), result.HolderBindingVerified, Vct: result.Vct));
    }

    private async ValueTask VerifyMdocAsync(string presentation, SessionTranscript transcript, string where, List<DcqlCredential> credentials, List<VerifiedCredential> reported, List<ResultError> errors, CancellationToken cancellationToken)
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
            var holderBinding = document.DeviceAuthMethod == DeviceAuthMethod.Signature;
            var elements = document.ElementsToJson();
            credentials.Add(DcqlCredential.ForMdoc(document.DocType, elements, holderBinding, AuthorityKeyIdentifiers(document.DocumentSigner)));
            var status = document.StatusReference is null ? "unchecked" : document.Status switch
            {
                0 => "valid",
                1 => "revoked",
                2 => "suspended",
                _ => "unchecked",
            };
            reported.Add(new VerifiedCredential(DcqlFormats.MsoMdoc, document.IssuerSubject, document.LevelOfAssurance?.ToString().ToLowerInvariant(), elements, status, holderBinding, Doctype: document.DocType));
        }
    }

    private static string Status(CredentialStatus status) => status switch
    {
        CredentialStatus.Valid => "valid",
        CredentialStatus.Revoked => "revoked",
        CredentialStatus.Suspended => "suspended",
        _ => "unchecked",
    };

    // OpenID4VP 1.0 §6.1.1.1: "aki" matches the KeyIdentifier of an AuthorityKeyIdentifier in the issuer's chain.
    private static TrustedAuthorityIdentifier[] AuthorityKeyIdentifiers(X509Certificate2? signer)
    {
        var aki = signer?.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().FirstOrDefault()?.KeyIdentifier;
        return aki is { } keyId ? [new TrustedAuthorityIdentifier(TrustedAuthorityTypes.Aki, System.Buffers.Text.Base64Url.EncodeToString(keyId.Span))] : [];
    }
}
