using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Wallet.Core;
using Wallet.Core.Mdoc;
using Wallet.Core.Verification;

namespace Wallet.Cli.Commands;

/// <summary>
/// The mdoc half of <c>wallet verify</c>: a DeviceResponse for its SessionTranscript (ISO/IEC 18013-5 9.3), or an issued
/// IssuerSigned (issuer data only), reported in the same JSON shape as an SD-JWT VC.
/// </summary>
internal sealed class MdocVerification(CredentialVerifiers verifiers)
{
    /// <summary>The OpenID4VP Credential Format Identifier of an mdoc.</summary>
    public const string Format = "mso_mdoc";

    public async Task<(JsonObject Report, bool Valid)> VerifyAsync(CredentialInput input, SessionTranscript? transcript, string? readerKeyPath, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        var structure = input.ParseMdoc();
        if (structure.Error is { } error)
        {
            return Report([error], []);
        }

        using var readerKey = readerKeyPath is null ? null : ReadReaderKey(readerKeyPath, context);
        var verifier = readerKey is null ? verifiers.Mdoc : verifiers.MdocForReader(readerKey);

        if (structure.IssuerSigned is { } issued)
        {
            if (transcript is not null || readerKey is not null)
            {
                context.Warn("the input is an mdoc as issued (IssuerSigned), which has no device authentication: only issuer data is verified and the SessionTranscript is not used.");
            }

            var document = await verifier.VerifyIssuerSignedAsync(issued, cancellationToken).ConfigureAwait(false);
            return Report([], [document]);
        }

        if (transcript is null)
        {
            throw new UsageException("A DeviceResponse is verified for its SessionTranscript: give --oid4vp CLIENT_ID,NONCE,RESPONSE_URI[,JWK_THUMBPRINT] or --session-transcript HEX.");
        }

        var result = await verifier.VerifyAsync(structure.DeviceResponse!, transcript, cancellationToken).ConfigureAwait(false);
        return Report(result.Errors, result.Documents);
    }

    private static (JsonObject Report, bool Valid) Report(IReadOnlyList<VerificationError> responseErrors, IReadOnlyList<MdocDocumentResult> documents)
    {
        var errors = new List<VerificationError>(responseErrors);
        var described = new List<JsonObject>();
        var valid = responseErrors.Count == 0 && documents.Count > 0;
        foreach (var document in documents)
        {
            var documentErrors = document.Errors;
            valid &= documentErrors.Count == 0;
            errors.AddRange(documentErrors);
            described.Add(Describe(document, documentErrors.Count == 0));
        }

        var first = described.FirstOrDefault();
        var report = new JsonObject
        {
            ["valid"] = valid,
            ["format"] = Format,
            ["issuer"] = first?["issuer"]?.DeepClone(),
            ["docType"] = first?["docType"]?.DeepClone(),
            ["levelOfAssurance"] = first?["levelOfAssurance"]?.DeepClone(),
            ["issuerChain"] = first?["issuerChain"]?.DeepClone(),
            ["deviceAuth"] = first?["deviceAuth"]?.DeepClone(),
            ["holderBinding"] = first?["holderBinding"]?.DeepClone(),
            ["holderBindingOutcome"] = first?["holderBindingOutcome"]?.DeepClone(),
            ["validUntil"] = first?["validUntil"]?.DeepClone(),
            ["status"] = first?["status"]?.DeepClone(),
            ["claims"] = valid ? first?["claims"]?.DeepClone() : null,
        };
        if (described.Count > 1)
        {
            report["documents"] = new JsonArray(described.Select(d => (JsonNode)d).ToArray());
        }

        report["errors"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject { ["code"] = e.Code, ["message"] = e.Message }).ToArray());
        return (report, valid);
    }

    private static JsonObject Describe(MdocDocumentResult document, bool valid) => new()
    {
        ["issuer"] = document.Issuer,
        ["docType"] = document.DocType,
        ["levelOfAssurance"] = document.LevelOfAssurance?.ToString(),
        ["issuerChain"] = CredentialReport.Chain(document),
        ["deviceAuth"] = document.DeviceAuthMethod.ToString(),
        ["holderBinding"] = document.HolderBinding.IsVerified,
        ["holderBindingOutcome"] = document.HolderBinding.Outcome.ToString(),
        ["validUntil"] = document.ValidityInfo.ValidUntil.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        ["status"] = document.Status.ToString(),
        ["claims"] = valid ? document.Claims?.DeepClone() : null,
    };

    private static ECDiffieHellman ReadReaderKey(string path, CliContext context)
    {
        using var key = KeyFiles.ReadPrivateKey(path, context, "reader key");
        var parameters = key.ExportParameters(includePrivateParameters: true);
        try
        {
            return ECDiffieHellman.Create(parameters);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }
}
