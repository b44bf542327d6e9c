using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Wallet.Core.Credentials;
using Wallet.Core.Pid;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;

namespace Wallet.Core.Mdoc;

/// <summary>The verification outcome of one mdoc, on the surface shared with SD-JWT VC, with what is particular to mdoc.</summary>
public sealed class MdocDocumentResult : CredentialVerificationResult
{
    internal MdocDocumentResult(
        string docType,
        IReadOnlyList<VerificationError> errors,
        X509Certificate2? documentSigner,
        CertificateChainValidationResult? trust,
        ValidityInfo validityInfo,
        DeviceAuthMethod deviceAuthMethod,
        HolderBinding holderBinding,
        StatusListReference? statusReference,
        CredentialStatus status,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, CborValue>> elements)
        : base(
            MdocFormat,
            errors,
            status,
            statusReference,
            trust is { IsValid: true } ? trust.Chain : [],
            trust?.TrustAnchor,
            trust?.LevelOfAssurance,
            documentSigner?.Subject,
            holderBinding,
            errors.Count == 0 ? ToJson(elements) : null,
            errors.Count == 0 ? TechnicalJson(docType, validityInfo, statusReference) : null)
    {
        DocType = docType;
        DocumentSigner = documentSigner;
        ValidityInfo = validityInfo;
        DeviceAuthMethod = deviceAuthMethod;
        Elements = errors.Count == 0 ? elements : new Dictionary<string, IReadOnlyDictionary<string, CborValue>>();
    }

    /// <summary>The OpenID4VP Credential Format Identifier of an mdoc.</summary>
    public const string MdocFormat = "mso_mdoc";

    /// <summary>The docType of the document.</summary>
    public string DocType { get; }

    /// <summary>
    /// The document signer certificate from <c>x5chain</c>, when one could be read, also when the document is invalid (for
    /// reports); <see cref="CredentialVerificationResult.IssuerChain"/> holds it once validated.
    /// </summary>
    public X509Certificate2? DocumentSigner { get; }

    /// <summary>The MSO validity window.</summary>
    public ValidityInfo ValidityInfo { get; }

    /// <summary>How the device authenticated, or <see cref="DeviceAuthMethod.None"/> when only issuer data was verified.</summary>
    public DeviceAuthMethod DeviceAuthMethod { get; }

    /// <summary>
    /// The disclosed issuer-signed elements, per namespace, with their typed values. Filled only when the
    /// document is valid, so an unverified value is never handed out.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, CborValue>> Elements { get; }

    /// <summary>The verified elements as JSON, <c>{ namespace: { element: value } }</c>, for DCQL matching or display.</summary>
    public JsonObject ElementsToJson() => ToJson(Elements);

    /// <inheritdoc />
    private protected override bool TryReadPid([NotNullWhen(true)] out PersonIdentificationData? pid, [NotNullWhen(false)] out string? problem)
    {
        if (!string.Equals(DocType, PidMdoc.DocType, StringComparison.Ordinal))
        {
            pid = null;
            problem = $"The docType is '{DocType}', not the PID docType '{PidMdoc.DocType}'.";
            return false;
        }

        return PidMdoc.TryFromNameSpaces(Elements, out pid, out problem);
    }

    private static JsonObject ToJson(IReadOnlyDictionary<string, IReadOnlyDictionary<string, CborValue>> elements)
    {
        var json = new JsonObject();
        foreach (var (nameSpace, items) in elements)
        {
            json[nameSpace] = new JsonObject(items.Select(e => new KeyValuePair<string, JsonNode?>(e.Key, e.Value.ToJsonNode())));
        }

        return json;
    }

    // What the MSO says about the document rather than the person (ISO/IEC 18013-5 9.1.2.4).
    private static JsonObject TechnicalJson(string docType, ValidityInfo validity, StatusListReference? statusReference)
    {
        var json = new JsonObject
        {
            ["docType"] = docType,
            ["validityInfo"] = new JsonObject
            {
                ["signed"] = Cbor.FormatTdate(validity.Signed),
                ["validFrom"] = Cbor.FormatTdate(validity.ValidFrom),
                ["validUntil"] = Cbor.FormatTdate(validity.ValidUntil),
            },
        };
        if (statusReference is not null)
        {
            json["status"] = new JsonObject
            {
                ["status_list"] = new JsonObject
                {
                    ["idx"] = statusReference.Index,
                    ["uri"] = statusReference.Uri.ToString(),
                },
            };
        }

        return json;
    }
}
