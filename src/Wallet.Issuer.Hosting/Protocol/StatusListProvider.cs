using System.Globalization;
using Microsoft.Extensions.Options;
using Wallet.Core;
using Wallet.Core.StatusList;
using Wallet.Issuer.Options;
using Wallet.Issuer.Signing;

namespace Wallet.Issuer.Protocol;

/// <summary>
/// The issuer's status lists: lists <c>1</c>, <c>2</c>, … of 2-bit entries (valid, invalid, suspended), each created on
/// first use, with a random fresh index per credential (HAIP 1.0 §6.1, Token Status List §13.2). When the current list
/// is full, allocation moves on to the next list; after a restart it walks forward past the full ones.
/// </summary>
/// <remarks>
/// Entries are reserved in blocks (one write of the list per block, not per credential) and handed out from memory in
/// the order reserved, so a list is used up before the next one starts. The block is 1/1024 of a list, at most 64: a
/// restart loses at most that many reserved entries (they stay VALID and are never referenced), a cost in list space
/// only, never a reused index.
/// </remarks>
internal sealed class StatusListProvider : IDisposable
{
    private const int Bits = 2;

    // Bounds the walk over full lists (a restart begins at list 1): 10,000 lists of the minimum size are 10 million entries.
    private const int MaxListHops = 10_000;
    private readonly IssuerEndpoints _endpoints;
    private readonly int _size;
    private readonly int _block;
    private readonly Queue<StatusListReference> _reserved = new();
    private readonly SemaphoreSlim _reserving = new(1, 1);
    private int _current = 1;
    private int _createdThrough;

    public StatusListProvider(IStatusListStore store, IIssuerKeys keys, IssuerEndpoints endpoints, IOptions<IssuerOptions> options, TimeProvider timeProvider)
    {
        _endpoints = endpoints;
        _size = options.Value.StatusListSize;
        _block = Math.Clamp(_size / 1024, 1, 64);
        Issuer = new StatusListIssuer(store, keys.StatusListSigner, timeProvider, new StatusListIssuerOptions { MaxUpdateAttempts = 32 });
    }

    public StatusListIssuer Issuer { get; }

    public void Dispose() => _reserving.Dispose();

    /// <summary>A fresh entry for one credential; the error when none can be had.</summary>
    public async ValueTask<(StatusListReference? Reference, VerificationError? Error)> AllocateAsync(CancellationToken cancellationToken)
    {
        await _reserving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_reserved.Count == 0)
            {
                var (references, error) = await ReserveAsync(cancellationToken).ConfigureAwait(false);
                if (error is not null)
                {
                    return (null, error);
                }

                foreach (var reference in references)
                {
                    _reserved.Enqueue(reference);
                }
            }

            return (_reserved.Dequeue(), null);
        }
        finally
        {
            _reserving.Release();
        }
    }

    private async ValueTask<(IReadOnlyList<StatusListReference> References, VerificationError? Error)> ReserveAsync(CancellationToken cancellationToken)
    {
        (IReadOnlyList<StatusListReference> References, VerificationError? Error) result = ([], null);
        for (var hop = 0; hop < MaxListHops; hop++)
        {
            var current = Volatile.Read(ref _current);
            var uri = _endpoints.StatusList(current.ToString(CultureInfo.InvariantCulture));
            if (Volatile.Read(ref _createdThrough) < current)
            {
                // False when the list exists already (another request, or before a restart): either way it exists now.
                await Issuer.CreateListAsync(uri, Bits, _size, cancellationToken).ConfigureAwait(false);
                RaiseTo(ref _createdThrough, current);
            }

            result = await Issuer.AllocateManyAsync(uri, _block, cancellationToken).ConfigureAwait(false);
            if (result.Error?.Code != StatusListErrorCodes.ListFull)
            {
                return result;
            }

            // Concurrent requests that found the same list full move on together: only one increment wins.
            Interlocked.CompareExchange(ref _current, current + 1, current);
        }

        return result;
    }

    /// <summary>A freshly signed Status List Token for the list <paramref name="id"/>, or null when there is no such list.</summary>
    public ValueTask<string?> TokenAsync(string id, CancellationToken cancellationToken) =>
        id.Length is > 0 and <= 16 && id.All(char.IsAsciiDigit)
            ? Issuer.CreateJwtAsync(_endpoints.StatusList(id), cancellationToken)
            : ValueTask.FromResult<string?>(null);

    /// <summary>The same token in CWT form (§5.2), or null when there is no such list.</summary>
    public ValueTask<byte[]?> CwtAsync(string id, CancellationToken cancellationToken) =>
        id.Length is > 0 and <= 16 && id.All(char.IsAsciiDigit)
            ? Issuer.CreateCwtAsync(_endpoints.StatusList(id), cancellationToken)
            : ValueTask.FromResult<byte[]?>(null);

    private static void RaiseTo(ref int field, int value)
    {
        var seen = Volatile.Read(ref field);
        while (seen < value)
        {
            var previous = Interlocked.CompareExchange(ref field, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
