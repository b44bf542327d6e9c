namespace Wallet.Core.Mdoc;

/// <summary>
/// The MSO <c>validityInfo</c> (ISO/IEC 18013-5 9.1.2.4): when the MSO was signed, the window in which
/// it is valid, and optionally when the issuer expects to refresh it. All are <c>tdate</c> values;
/// on output they are written in UTC with whole seconds.
/// </summary>
/// <param name="Signed">When the MSO was signed.</param>
/// <param name="ValidFrom">Start of the validity window.</param>
/// <param name="ValidUntil">End of the validity window.</param>
/// <param name="ExpectedUpdate">When the issuer expects to re-issue the MSO, if it says.</param>
public sealed record ValidityInfo(DateTimeOffset Signed, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, DateTimeOffset? ExpectedUpdate = null);
