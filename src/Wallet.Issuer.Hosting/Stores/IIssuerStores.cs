using Wallet.Core.OAuth;
using Wallet.Core.StatusList;

namespace Wallet.Issuer.Stores;

/// <summary>
/// Every kind of state the issuer keeps, supplied together by a host that keeps them in its own database
/// (<see cref="PidIssuerBuilder.UseStores{TStores}()"/>). One aggregate rather than one <c>Use…</c> per store, because the
/// stores are one unit of operation: they share a database, are swept together and are backed up and restored
/// together; replacing half of them would split the issuer's state across two databases.
/// </summary>
/// <remarks>
/// Each store receives only hashes of codes, tokens and nonces (never the secrets themselves) and must make its
/// "consume once" operations atomic across every instance of the issuer.
/// </remarks>
public interface IIssuerStores
{
    /// <summary>Credential Offers and their pre-authorized codes.</summary>
    IOfferStore Offers { get; }

    /// <summary>Pushed authorization requests (RFC 9126).</summary>
    IPushedAuthorizationRequestStore PushedAuthorizationRequests { get; }

    /// <summary>Authorization codes.</summary>
    IAuthorizationCodeStore AuthorizationCodes { get; }

    /// <summary>Access tokens.</summary>
    IAccessTokenStore AccessTokens { get; }

    /// <summary>Refresh tokens and their grants (RFC 6749 §6, rotated and DPoP-bound).</summary>
    IRefreshTokenStore RefreshTokens { get; }

    /// <summary>The <c>c_nonce</c> values of the Nonce Endpoint.</summary>
    INonceStore Nonces { get; }

    /// <summary>DPoP proof <c>jti</c> values seen, against replay (RFC 9449 §11.1).</summary>
    IDpopReplayCache DpopReplayCache { get; }

    /// <summary>The issued credentials with their status list index, for revocation.</summary>
    IIssuedCredentialStore IssuedCredentials { get; }

    /// <summary>Deferred issuances awaiting the agency's decision or the Wallet's next poll (OpenID4VCI 1.0 §9).</summary>
    IDeferredIssuanceStore DeferredIssuances { get; }

    /// <summary>The status lists and their allocated indices.</summary>
    IStatusListStore StatusLists { get; }

    /// <summary>Who created offers and issued, revoked, suspended or unsuspended credentials; never swept.</summary>
    IAuditTrail AuditTrail { get; }

    /// <summary>Deletes expired state from the stores above; run every <c>Issuer:SweepInterval</c>.</summary>
    IExpiredStateSweeper ExpiredStateSweeper { get; }
}
