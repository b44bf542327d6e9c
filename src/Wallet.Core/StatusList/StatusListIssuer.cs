using Wallet.Core.Jose;

namespace Wallet.Core.StatusList;

/// <summary>
/// The Status Issuer's side of draft-ietf-oauth-status-list-20: creates lists, allocates a fresh random entry for
/// every Referenced Token (§13.2, §13.3), changes statuses (VALID, INVALID, SUSPENDED, or application values),
/// and signs a fresh Status List Token on demand. State lives behind an <see cref="IStatusListStore"/>.
/// </summary>
public sealed class StatusListIssuer
{
    private readonly IStatusListStore store;
    private readonly SigningKey signingKey;
    private readonly TimeProvider timeProvider;
    private readonly StatusListIssuerOptions options;

    /// <summary>Creates an issuer.</summary>
    /// <param name="store">Where lists are kept.</param>
    /// <param name="signingKey">Signs Status List Tokens; give it its certificate chain so tokens carry <c>x5c</c> / <c>x5chain</c> (HAIP 1.0).</param>
    /// <param name="timeProvider">The clock for <c>iat</c> and <c>exp</c>.</param>
    /// <param name="options">Token lifetimes; validated here.</param>
    public StatusListIssuer(IStatusListStore store, SigningKey signingKey, TimeProvider timeProvider, StatusListIssuerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(signingKey);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new StatusListIssuerOptions();
        options.Validate();
        this.store = store;
        this.signingKey = signingKey;
        this.timeProvider = timeProvider;
        this.options = options;
    }

    /// <summary>
    /// Creates an empty list of at least <paramref name="capacity"/> entries of <paramref name="bits"/> bits, served at
    /// <paramref name="uri"/>. Large lists give better herd privacy. False when a list with that <c>uri</c> exists.
    /// </summary>
    public async ValueTask<bool> CreateListAsync(Uri uri, int bits, int capacity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException("The list uri must be absolute.", nameof(uri));
        }

        var statuses = new StatusListBuilder(bits, capacity).ToStatusList();
        var record = new StatusListRecord(uri, statuses, new byte[(statuses.Count + 7) / 8], 0);
        return await store.TryAddAsync(record, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Allocates a random unused entry of the list at <paramref name="uri"/>; its status is VALID.</summary>
    public async ValueTask<StatusListIssuerResult> AllocateAsync(Uri uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        for (var attempt = 0; attempt < options.MaxUpdateAttempts; attempt++)
        {
            var record = await store.FindAsync(uri, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return UnknownList(uri);
            }

            var allocator = StatusListIndexAllocator.FromBitmap(record.Statuses.Count, record.AllocationBitmap.Span);
            if (!allocator.TryAllocate(out var index))
            {
                return StatusListIssuerResult.Failure(StatusListErrorCodes.ListFull, $"Every one of the {allocator.Capacity} entries of the list '{uri.OriginalString}' has been allocated.");
            }

            var updated = new StatusListRecord(record.Uri, record.Statuses, allocator.ToBitmap(), record.Version + 1);
            if (await store.TryReplaceAsync(updated, record.Version, cancellationToken).ConfigureAwait(false))
            {
                return StatusListIssuerResult.Success(new StatusListReference(index, record.Uri));
            }
        }

        return Conflict(uri);
    }

    /// <summary>
    /// Allocates up to <paramref name="count"/> random unused entries of the list at <paramref name="uri"/> in one update
    /// of the stored list (one write instead of one per entry); their status is VALID. Fewer when fewer are free; none,
    /// with the reason, when the list is full, unknown or kept changing concurrently.
    /// </summary>
    /// <returns>The entries allocated, or the error when none was.</returns>
    public async ValueTask<(IReadOnlyList<StatusListReference> References, VerificationError? Error)> AllocateManyAsync(Uri uri, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        for (var attempt = 0; attempt < options.MaxUpdateAttempts; attempt++)
        {
            var record = await store.FindAsync(uri, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return ([], UnknownList(uri).Error);
            }

            var allocator = StatusListIndexAllocator.FromBitmap(record.Statuses.Count, record.AllocationBitmap.Span);
            var references = new List<StatusListReference>(Math.Min(count, allocator.Capacity - allocator.AllocatedCount));
            while (references.Count < count && allocator.TryAllocate(out var index))
            {
                references.Add(new StatusListReference(index, record.Uri));
            }

            if (references.Count == 0)
            {
                return ([], StatusListIssuerResult.Failure(StatusListErrorCodes.ListFull, $"Every one of the {allocator.Capacity} entries of the list '{uri.OriginalString}' has been allocated.").Error);
            }

            var updated = new StatusListRecord(record.Uri, record.Statuses, allocator.ToBitmap(), record.Version + 1);
            if (await store.TryReplaceAsync(updated, record.Version, cancellationToken).ConfigureAwait(false))
            {
                return (references, null);
            }
        }

        return ([], Conflict(uri).Error);
    }

    /// <summary>Sets the status of an allocated entry to one of the registered status types.</summary>
    public ValueTask<StatusListIssuerResult> SetStatusAsync(StatusListReference reference, TokenStatus status, CancellationToken cancellationToken = default) =>
        SetStatusAsync(reference, (byte)status, cancellationToken);

    /// <summary>
    /// Sets the status of an allocated entry. The value must fit the list's <c>bits</c>; INVALID (0x01) is final (§7).
    /// </summary>
    public async ValueTask<StatusListIssuerResult> SetStatusAsync(StatusListReference reference, byte status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        for (var attempt = 0; attempt < options.MaxUpdateAttempts; attempt++)
        {
            var record = await store.FindAsync(reference.Uri, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return UnknownList(reference.Uri);
            }

            var list = record.Statuses;
            if (!list.TryGetStatus(reference.Index, out var current))
            {
                return StatusListIssuerResult.Failure(StatusListErrorCodes.IndexOutOfRange, $"The index {reference.Index} lies outside the list of {list.Count} entries.");
            }

            if (status >> list.Bits != 0)
            {
                return StatusListIssuerResult.Failure(StatusListErrorCodes.StatusOutOfRange, $"The status 0x{status:X2} does not fit a {list.Bits}-bit list.");
            }

            if (!StatusListIndexAllocator.FromBitmap(list.Count, record.AllocationBitmap.Span).IsAllocated(reference.Index))
            {
                return StatusListIssuerResult.Failure(StatusListErrorCodes.IndexNotAllocated, $"The index {reference.Index} was never allocated.");
            }

            if (current == (byte)TokenStatus.Invalid && status != current)
            {
                return StatusListIssuerResult.Failure(StatusListErrorCodes.Irreversible, $"The entry {reference.Index} is INVALID, which is irreversible (§7).");
            }

            if (current == status)
            {
                return StatusListIssuerResult.Success(reference);
            }

            var statuses = StatusListBuilder.From(list).SetStatus(reference.Index, status).ToStatusList();
            var updated = new StatusListRecord(record.Uri, statuses, record.AllocationBitmap, record.Version + 1);
            if (await store.TryReplaceAsync(updated, record.Version, cancellationToken).ConfigureAwait(false))
            {
                return StatusListIssuerResult.Success(reference);
            }
        }

        return Conflict(reference.Uri);
    }

    /// <summary>The claims of a fresh Status List Token for the list at <paramref name="uri"/>, or null when there is no such list.</summary>
    public async ValueTask<StatusListToken?> CreateTokenAsync(Uri uri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var record = await store.FindAsync(uri, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        var now = DateTimeOffset.FromUnixTimeSeconds(timeProvider.GetUtcNow().ToUnixTimeSeconds());
        return new StatusListToken(record.Uri, now, record.Statuses, now + options.Validity, options.TimeToLive, options.Issuer);
    }

    /// <summary>A freshly signed Status List Token in JWT form (§5.1), or null when there is no such list.</summary>
    public async ValueTask<string?> CreateJwtAsync(Uri uri, CancellationToken cancellationToken = default) =>
        (await CreateTokenAsync(uri, cancellationToken).ConfigureAwait(false))?.ToJwt(signingKey);

    /// <summary>A freshly signed Status List Token in CWT form (§5.2), or null when there is no such list.</summary>
    public async ValueTask<byte[]?> CreateCwtAsync(Uri uri, CancellationToken cancellationToken = default) =>
        (await CreateTokenAsync(uri, cancellationToken).ConfigureAwait(false))?.ToCwt(signingKey);

    private static StatusListIssuerResult UnknownList(Uri uri) =>
        StatusListIssuerResult.Failure(StatusListErrorCodes.UnknownList, $"No status list is stored under '{uri.OriginalString}'.");

    private static StatusListIssuerResult Conflict(Uri uri) =>
        StatusListIssuerResult.Failure(StatusListErrorCodes.ConcurrencyConflict, $"The list '{uri.OriginalString}' kept changing concurrently; the update was not applied.");
}
