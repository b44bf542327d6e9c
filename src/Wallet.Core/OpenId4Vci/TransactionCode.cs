namespace Wallet.Core.OpenId4Vci;

/// <summary>
/// The <c>tx_code</c> object of a pre-authorized code grant (OpenID4VCI 1.0 §4.1.1): its presence, even empty, means the
/// Wallet must ask the End-User for a code that reached them through another channel.
/// </summary>
/// <param name="InputMode">The character set; <see cref="TxCodeInputMode.Numeric"/> when absent.</param>
/// <param name="Length">The number of characters, when announced.</param>
/// <param name="Description">Guidance for the End-User, at most 300 characters.</param>
public sealed record TransactionCode(TxCodeInputMode InputMode = TxCodeInputMode.Numeric, int? Length = null, string? Description = null)
{
    /// <summary>The longest <see cref="Description"/> the spec allows.</summary>
    public const int MaxDescriptionLength = 300;
}
