namespace Wallet.Verifier.Endpoints;

/// <summary>Reads the view of one kind of relying-party check (<see cref="RelyingPartyCheckEndpoints"/>).</summary>
/// <typeparam name="TView">The check's view.</typeparam>
internal interface IRelyingPartyCheckReader<TView>
    where TView : class
{
    /// <summary>The check's view, or null when the transaction is unknown, another relying party's, or not this kind of check.</summary>
    ValueTask<TView?> GetAsync(string relyingPartyId, string transactionId, string? responseCode, CancellationToken cancellationToken);
}
