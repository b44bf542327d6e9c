namespace Wallet.Core.StatusList;

/// <summary>
/// Resolves the current status of a Referenced Token by fetching and verifying its Status List Token.
/// Implementations fail closed: anything that cannot be checked is reported as an error, never as valid.
/// </summary>
public interface ITokenStatusChecker
{
    /// <summary>Looks up the status of the entry <paramref name="reference"/> points to.</summary>
    ValueTask<TokenStatusCheckResult> CheckAsync(StatusListReference reference, CancellationToken cancellationToken = default);
}
