using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Wallet.Core.StatusList;
using Wallet.Core.Trust;

namespace Wallet.Core.Mdoc;

/// <summary>The verification outcome of one mdoc: what was established about it, and every failed check.</summary>
public sealed class MdocDocumentResult
{
    internal MdocDocumentResult(
        string docType,
        IReadOnlyList<VerificationError> errors,
        X509Certificate2? documentSigner,
        TrustAnchor? trustAnchor,
        ValidityInfo validityInfo,
        DeviceAuthMethod deviceAuthMethod,
        StatusListReference? statusReference,
        byte? status,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, CborValue>> elements)
    {
        DocType = docType;
        Errors = errors;
        DocumentSigner = documentSigner;
        TrustAnchor = trustAnchor;
        ValidityInfo = validityInfo;
        DeviceAuthMethod = deviceAuthMethod;
        StatusReference = statusReference;
        Status = status;
        Elements = errors.Count == 0 ? elements : new Dictionary<string, IReadOnlyDictionary<string, CborValue>>();
    }

    /// <summary>True when every check passed.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>The docType of the document.</summary>
    public string DocType { get; }

    /// <summary>Every failed check; empty when valid.</summary>
    public IReadOnlyList<VerificationError> Errors { get; }

    /// <summary>The document signer certificate from <c>x5chain</c>, when one could be read.</summary>
    public X509Certificate2? DocumentSigner { get; }

    /// <summary>The document signer certificate subject, when one could be read.</summary>
    public string? IssuerSubject => DocumentSigner?.Subject;

    /// <summary>The IACA trust anchor the chain validated to, when it did.</summary>
    public TrustAnchor? TrustAnchor { get; }

    /// <summary>The level of assurance of that trust anchor, when it is tagged with one.</summary>
    public LevelOfAssurance? LevelOfAssurance => TrustAnchor?.LevelOfAssurance;

    /// <summary>The MSO validity window.</summary>
    public ValidityInfo ValidityInfo { get; }

    /// <summary>How the device authenticated, or <see cref="DeviceAuthMethod.None"/> when only issuer data was verified.</summary>
    public DeviceAuthMethod DeviceAuthMethod { get; }

    /// <summary>The MSO Token Status List reference, when present.</summary>
    public StatusListReference? StatusReference { get; }

    /// <summary>The status value read from the verified status list, when a checker was configured and succeeded.</summary>
    public byte? Status { get; }

    /// <summary>
    /// The disclosed issuer-signed elements, per namespace, with their typed values. Filled only when the
    /// document is valid, so an unverified value is never handed out.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, CborValue>> Elements { get; }

    /// <summary>The verified elements as JSON, <c>{ namespace: { element: value } }</c>, for DCQL matching or display.</summary>
    public JsonObject ElementsToJson()
    {
        var json = new JsonObject();
        foreach (var (nameSpace, elements) in Elements)
        {
            json[nameSpace] = new JsonObject(elements.Select(e => new KeyValuePair<string, JsonNode?>(e.Key, e.Value.ToJsonNode())));
        }

        return json;
    }
}
