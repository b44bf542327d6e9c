namespace Wallet.Client;

/// <summary>Why a wallet step failed: the step, the specification's error code it met, and a description.</summary>
/// <param name="Step">One of <see cref="WalletSteps"/>.</param>
/// <param name="Error">The error code on the wire (e.g. <c>invalid_grant</c>), a Wallet.Core code, or one of <see cref="WalletClientErrors"/>.</param>
/// <param name="Description">The server's <c>error_description</c> or what the wallet found; never claim values.</param>
/// <param name="HttpStatus">The HTTP status of the failing answer, when there was one.</param>
public sealed record WalletFlowError(string Step, string Error, string Description, int? HttpStatus = null)
{
    /// <summary>The error as one line: <c>token: invalid_grant (HTTP 400): …</c>.</summary>
    public override string ToString() =>
        $"{Step}: {Error}{(HttpStatus is { } status ? $" (HTTP {status})" : string.Empty)}{(Description.Length > 0 ? ": " + Description : string.Empty)}";
}
