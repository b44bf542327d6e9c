using Microsoft.Extensions.Options;
using Wallet.Core.StatusList;
using Wallet.Issuer.Options;
using Wallet.Issuer.Signing;

namespace Wallet.Issuer.Protocol;

/// <summary>
/// The issuer's status lists: list <c>1</c> of 2-bit entries (valid, invalid, suspended), created on first use, with a
/// random fresh index per credential (HAIP 1.0 §6.1, Token Status List §13.2). Rolling over to a new list when one is
/// full is not implemented yet.
/// </summary>
internal sealed class StatusListProvider
{
    private const string CurrentListId = "1";
    private const int Bits = 2;
    private readonly IssuerEndpoints _endpoints;
    private readonly int _size;
    private volatile bool _created;

    public StatusListProvider(IStatusListStore store, IIssuerKeys keys, IssuerEndpoints endpoints, IOptions<IssuerOptions> options, TimeProvider timeProvider)
    {
        _endpoints = endpoints;
        _size = options.Value.StatusListSize;
        Issuer = new StatusListIssuer(store, keys.StatusListSigner, timeProvider, new StatusListIssuerOptions { MaxUpdateAttempts = 32 });
    }

    public StatusListIssuer Issuer { get; }

    public async ValueTask<StatusListIssuerResult> AllocateAsync(CancellationToken cancellationToken)
    {
        var uri = _endpoints.StatusList(CurrentListId);
        if (!_created)
        {
            await Issuer.CreateListAsync(uri, Bits, _size, cancellationToken).ConfigureAwait(false);
            _created = true;
        }

        return await Issuer.AllocateAsync(uri, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A freshly signed Status List Token for the list <paramref name="id"/>, or null when there is no such list.</summary>
    public ValueTask<string?> TokenAsync(string id, CancellationToken cancellationToken) =>
        id.Length is > 0 and <= 16 && id.All(char.IsAsciiDigit)
            ? Issuer.CreateJwtAsync(_endpoints.StatusList(id), cancellationToken)
            : ValueTask.FromResult<string?>(null);
}
