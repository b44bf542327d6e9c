using Wallet.Core;

namespace Wallet.Verifier.Validation;

/// <summary>A failed check as reported to the relying party.</summary>
/// <param name="Code">Stable error code.</param>
/// <param name="Message">What failed; never a claim value.</param>
public sealed record ResultError(string Code, string Message)
{
    /// <summary>Converts a Wallet.Core error.</summary>
    public static ResultError From(VerificationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(error.Code, error.Message);
    }
}
