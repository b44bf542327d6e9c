namespace Wallet.Verifier.Validation;

/// <summary>Error codes the Verifier adds to those of Wallet.Core (<c>openid4vp.*</c>, <c>sd_jwt.*</c>, <c>mdoc.*</c>, <c>dcql.*</c>, <c>trust.*</c>, <c>jwe.*</c>).</summary>
public static class VerifierErrorCodes
{
    /// <summary>The wallet answered with an error response (OpenID4VP 1.0 §8.5); the message carries its <c>error</c> code.</summary>
    public const string WalletError = "verifier.wallet_error";

    /// <summary>The returned <c>state</c> differs from the request's (OpenID4VP 1.0 §5.3).</summary>
    public const string StateMismatch = "verifier.state_mismatch";

    /// <summary>The request nonce was already used by another response (OpenID4VP 1.0 §5.2, §14.1).</summary>
    public const string NonceReplayed = "verifier.nonce_replayed";

    /// <summary>A Credential Query asks for a format this Verifier cannot verify.</summary>
    public const string UnsupportedFormat = "verifier.unsupported_format";

    /// <summary>A presentation answers an id that is no Credential Query of the request; it was not verified.</summary>
    public const string UnexpectedPresentation = "verifier.unexpected_presentation";

    /// <summary>
    /// Validating the response failed unexpectedly (a defect, not the wallet's input); the response is rejected rather than
    /// left half-processed, and the exception is logged without its message (it may quote the presentation).
    /// </summary>
    public const string InternalError = "verifier.internal_error";

    /// <summary>
    /// The Verifier stopped (crash, <c>kill -9</c>, power loss) while validating the response; at the next start the
    /// response is rejected rather than validated again (specs/verifier.md, "Transaction states").
    /// </summary>
    public const string ProcessingInterrupted = "verifier.processing_interrupted";

    /// <summary>
    /// A verified credential's issuer chains to a trust anchor tagged below the relying party's
    /// <c>MinimumLevelOfAssurance</c>, or to an untagged one (eIDAS Regulation (EU) 910/2014 Art. 8 levels of assurance).
    /// </summary>
    public const string LevelOfAssuranceTooLow = "verifier.level_of_assurance_too_low";
}
