namespace Wallet.Core.Credentials;

/// <summary>What became of the holder binding of a credential (the SD-JWT KB-JWT, the mdoc DeviceAuth).</summary>
public enum HolderBindingOutcome
{
    /// <summary>
    /// No proof of possession was asked for: an SD-JWT verified without a <see cref="SdJwt.KeyBindingExpectation"/>,
    /// or mdoc issuer data verified without a SessionTranscript.
    /// </summary>
    NotRequested,

    /// <summary>The holder proved possession of the key the credential is bound to, and the credential passed every other check.</summary>
    Verified,

    /// <summary>
    /// A holder-binding check failed: the proof is missing, malformed, signed with another key or for another audience,
    /// nonce or session, or the credential carries no key to bind to when one is required.
    /// </summary>
    Failed,

    /// <summary>The proof itself passed, but the credential failed another check, so the key it names cannot be relied on.</summary>
    NotEstablished,
}
