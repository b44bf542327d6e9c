namespace Wallet.Core;

/// <summary>
/// One failed check of a parse or a verification: a stable, spec-named <see cref="Code"/>
/// (for example <c>sd_jwt.kb.nonce_mismatch</c>) and a message that names exactly what failed.
/// </summary>
/// <remarks>
/// Codes are part of the public contract: callers map them to OAuth / OpenID4VC errors on the wire
/// and may switch on them. Messages are for people and may change; they never contain claim values,
/// so they are safe to log.
/// </remarks>
/// <param name="Code">Stable, dot-separated error code.</param>
/// <param name="Message">Human-readable description of the failed check.</param>
public sealed record VerificationError(string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Code}: {Message}";
}
