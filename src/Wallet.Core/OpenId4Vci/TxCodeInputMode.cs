namespace Wallet.Core.OpenId4Vci;

/// <summary>The character set of a Transaction Code (OpenID4VCI 1.0 §4.1.1 <c>tx_code.input_mode</c>).</summary>
public enum TxCodeInputMode
{
    /// <summary><c>numeric</c>: digits only (the default).</summary>
    Numeric,

    /// <summary><c>text</c>: any characters.</summary>
    Text,
}
