using Wallet.Core.Claims;

namespace Wallet.Core.OAuth;

/// <summary>
/// A claims description object of an authorization details entry (OpenID4VCI 1.0 Appendix B.1): the claims path
/// pointer of one claim the Wallet asks for, and whether the Wallet marks it <c>mandatory</c>.
/// </summary>
/// <param name="Path">The claims path pointer (Appendix C).</param>
/// <param name="Mandatory">The <c>mandatory</c> member; false when absent (Appendix B.1).</param>
public sealed record RequestedClaim(ClaimPath Path, bool Mandatory);
