namespace Wallet.Core.Trust;

/// <summary>
/// Where the trust anchors of credential verification come from: a fixed list (a <see cref="TrustAnchorStore"/> is
/// its own source), files read at start-up, or a list the host keeps current (an EU trusted list).
/// </summary>
/// <remarks>
/// The chain validator asks the source on every validation, so a source that refreshes hands out a new store and the
/// next validation uses it. Keep <see cref="GetAnchors"/> cheap: return the store in force and refresh elsewhere.
/// </remarks>
public interface ITrustAnchorSource
{
    /// <summary>The trust anchors in force now. Never null; <see cref="TrustAnchorStore.Empty"/> trusts nothing.</summary>
    TrustAnchorStore GetAnchors();
}
