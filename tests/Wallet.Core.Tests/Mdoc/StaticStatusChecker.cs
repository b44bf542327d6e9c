using Wallet.Core.StatusList;

namespace Wallet.Core.Tests.Mdoc;

/// <summary>A status checker answering a fixed result and recording what it was asked: isolates the mdoc side of the status check.</summary>
internal sealed class StaticStatusChecker(TokenStatusCheckResult result) : ITokenStatusChecker
{
    public List<StatusListReference> Requests { get; } = [];

    public ValueTask<TokenStatusCheckResult> CheckAsync(StatusListReference reference, CancellationToken cancellationToken = default)
    {
        Requests.Add(reference);
        return ValueTask.FromResult(result);
    }
}
