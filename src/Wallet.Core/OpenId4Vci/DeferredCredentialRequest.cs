using System.Diagnostics.CodeAnalysis;
using Wallet.Core.Json;

namespace Wallet.Core.OpenId4Vci;

/// <summary>
/// A Deferred Credential Request (OpenID4VCI 1.0 §9.1): the <c>transaction_id</c> of an earlier Credential Response
/// answered with HTTP 202, and optionally <c>credential_response_encryption</c>. Unknown members are ignored.
/// </summary>
public sealed record DeferredCredentialRequest
{
    /// <summary>The <c>transaction_id</c> (§8.3).</summary>
    public required string TransactionId { get; init; }

    /// <summary>
    /// Parses a request body. Errors carry the wire error through <see cref="WireErrorFor"/>: a missing or malformed
    /// <c>transaction_id</c> is <c>invalid_credential_request</c> (§9.3 reuses the errors of §8.3.1.2).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> body, OpenId4VciLimits limits, [NotNullWhen(true)] out DeferredCredentialRequest? request, [NotNullWhen(false)] out VerificationError? error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        request = null;
        if (!JsonInput.TryParseObject(body, limits.MaxRequestLength, limits.MaxDepth, out var root, out var jsonError))
        {
            error = StrictJson.Failure(jsonError, OpenId4VciErrorCodes.DeferredRequestMalformed, $"The Deferred Credential Request is not a JSON object without duplicate members within {limits.MaxRequestLength} bytes (§9.1).");
            return false;
        }

        if (!JsonInput.TryGetOptionalString(root, "transaction_id", limits.MaxStringLength, out var transactionId))
        {
            error = new(OpenId4VciErrorCodes.DeferredRequestMalformed, "'transaction_id' must be a string (§9.1).");
            return false;
        }

        if (string.IsNullOrEmpty(transactionId))
        {
            error = new(OpenId4VciErrorCodes.DeferredTransactionIdMissing, "The Deferred Credential Request carries no 'transaction_id' (§9.1).");
            return false;
        }

        if (root.TryGetProperty("credential_response_encryption", out _))
        {
            error = new(OpenId4VciErrorCodes.RequestEncryptionUnsupported, "'credential_response_encryption' is not supported by this Credential Issuer (§9.1, §10).");
            return false;
        }

        request = new DeferredCredentialRequest { TransactionId = transactionId };
        error = null;
        return true;
    }

    /// <summary>The wire <c>error</c> value for a code <see cref="TryParse"/> reports (§9.3, §8.3.1.2).</summary>
    public static string WireErrorFor(string code) => code == OpenId4VciErrorCodes.RequestEncryptionUnsupported
        ? OpenId4VciErrors.InvalidEncryptionParameters
        : OpenId4VciErrors.InvalidCredentialRequest;
}
