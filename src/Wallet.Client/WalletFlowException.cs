namespace Wallet.Client;

/// <summary>
/// A protocol step failed: the server refused (its error code is kept) or answered something the wallet cannot
/// accept. The wallet cannot go on with the flow, so this is thrown rather than returned.
/// </summary>
public sealed class WalletFlowException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    public WalletFlowException(WalletFlowError error, Exception? innerException = null)
        : base((error ?? throw new ArgumentNullException(nameof(error))).ToString(), innerException)
    {
        Error = error;
    }

    /// <summary>Creates an exception without details; prefer <see cref="WalletFlowException(WalletFlowError, Exception?)"/>.</summary>
    public WalletFlowException()
        : this(new WalletFlowError("unknown", WalletClientErrors.UnexpectedStatus, string.Empty))
    {
    }

    /// <summary>Creates an exception with a message only; prefer <see cref="WalletFlowException(WalletFlowError, Exception?)"/>.</summary>
    public WalletFlowException(string message)
        : this(new WalletFlowError("unknown", WalletClientErrors.UnexpectedStatus, message ?? string.Empty))
    {
    }

    /// <summary>Creates an exception with a message only; prefer <see cref="WalletFlowException(WalletFlowError, Exception?)"/>.</summary>
    public WalletFlowException(string message, Exception innerException)
        : this(new WalletFlowError("unknown", WalletClientErrors.UnexpectedStatus, message ?? string.Empty), innerException)
    {
    }

    /// <summary>The step and the error it met.</summary>
    public WalletFlowError Error { get; }
}
