using Wallet.Core.Jose;

namespace Wallet.Core.Credentials;

/// <summary>The holder-binding outcome of a verified credential, with the key the holder proved possession of.</summary>
/// <param name="Outcome">What became of the proof of possession.</param>
/// <param name="Key">
/// The key the credential is bound to (SD-JWT VC <c>cnf.jwk</c>, mdoc <c>deviceKeyInfo.deviceKey</c>); set only when
/// <paramref name="Outcome"/> is <see cref="HolderBindingOutcome.Verified"/>, so an unverified key is never handed out.
/// </param>
public sealed record HolderBinding(HolderBindingOutcome Outcome, PublicJwk? Key = null)
{
    /// <summary>True when the holder proved possession of <see cref="Key"/> and the credential is valid.</summary>
    public bool IsVerified => Outcome == HolderBindingOutcome.Verified && Key is not null;
}
