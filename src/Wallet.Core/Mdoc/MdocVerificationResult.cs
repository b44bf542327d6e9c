namespace Wallet.Core.Mdoc;

/// <summary>The verification outcome of a DeviceResponse: response-level failures and one result per document.</summary>
public sealed class MdocVerificationResult
{
    internal MdocVerificationResult(IReadOnlyList<VerificationError> errors, IReadOnlyList<MdocDocumentResult> documents)
    {
        Errors = errors;
        Documents = documents;
    }

    /// <summary>True when the response itself and every document passed every check.</summary>
    public bool IsValid => Errors.Count == 0 && Documents.Count > 0 && Documents.All(d => d.IsValid);

    /// <summary>Failures of the response as a whole (malformed input, status, version, no documents).</summary>
    public IReadOnlyList<VerificationError> Errors { get; }

    /// <summary>One result per document, in response order.</summary>
    public IReadOnlyList<MdocDocumentResult> Documents { get; }

    /// <summary>Every failure: response-level first, then each document's.</summary>
    public IEnumerable<VerificationError> AllErrors => Errors.Concat(Documents.SelectMany(d => d.Errors));
}
