using Microsoft.Extensions.Options;
using Wallet.Core.Dcql;
using Wallet.Hosting.Statistics;
using Wallet.Verifier.Options;
using Wallet.Verifier.Stores;
using Wallet.Verifier.Stores.Ef;
using Wallet.Verifier.Validation;

namespace Wallet.Verifier.Statistics;

/// <summary>
/// Counts the Verifier's events into its usage counters (<c>specs/statistics.md</c>). The age band is taken only from
/// what the wallet disclosed to the relying party; no claim value goes further than this class. Without a counter (a
/// host that keeps the state in its own stores has no Verifier database) nothing is counted.
/// </summary>
internal sealed class VerifierStatistics(IOptions<VerifierOptions> options, TimeProvider time, VerifierMetrics metrics, UsageCounter<VerifierDbContext>? counter = null, EfVerifierStore? store = null)
{
    // The upsert takes its turn at the store's write gate (SQLite), like every other write to the Verifier database.
    private readonly Func<Func<VerifierDbContext, Task>, ValueTask>? _run = store is null ? null : store.RunWriteAsync;

    /// <summary>A relying party created a presentation request for <paramref name="query"/>.</summary>
    public ValueTask RequestedAsync(string relyingPartyId, DcqlQuery query) => RequestedAsync(relyingPartyId, query, _run);

    /// <summary>
    /// As <see cref="RequestedAsync(string, DcqlQuery)"/>, with the counter's upsert run by <paramref name="run"/> (inside
    /// the write that creates the transaction).
    /// </summary>
    public ValueTask RequestedAsync(string relyingPartyId, DcqlQuery query, Func<Func<VerifierDbContext, Task>, ValueTask>? run)
    {
        var (type, format) = TypeOf(query);
        metrics.Requested(relyingPartyId, type);
        return counter?.CountAsync(new UsageEvent(UsageEvents.PresentationRequested, type, format, relyingPartyId), 1, run) ?? default;
    }

    /// <summary>
    /// A transaction ended: one <c>presentation_verified</c> per verified credential, or one <c>presentation_rejected</c>
    /// with the first failed check's code.
    /// </summary>
    public ValueTask CompletedAsync(TransactionRecord transaction, PresentationResult result) => CompletedAsync(transaction, result, null);

    /// <summary>
    /// As <see cref="CompletedAsync(TransactionRecord, PresentationResult)"/>, with the counters' upserts run by
    /// <paramref name="run"/> (inside the write that completes the transaction); null: the store's write queue.
    /// </summary>
    public async ValueTask CompletedAsync(TransactionRecord transaction, PresentationResult result, Func<Func<VerifierDbContext, Task>, ValueTask>? run)
    {
        run ??= _run;
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(result);
        if (!result.IsVerified)
        {
            metrics.Rejected(result.Errors[0].Code);
        }
        else
        {
            foreach (var credential in result.Credentials.Values.SelectMany(c => c))
            {
                metrics.Verified(credential.Vct ?? credential.Doctype ?? string.Empty, credential.Format);
            }
        }

        if (counter is null)
        {
            return;
        }

        if (!result.IsVerified)
        {
            var (type, format) = DcqlQuery.TryParse(transaction.DcqlQuery, out var query, out _) ? TypeOf(query) : (string.Empty, string.Empty);
            await counter.CountAsync(new UsageEvent(UsageEvents.PresentationRejected, type, format, transaction.RelyingPartyId, ErrorCode: result.Errors[0].Code), 1, run).ConfigureAwait(false);
            return;
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        foreach (var credential in result.Credentials.Values.SelectMany(c => c))
        {
            var band = AgeBands.FromDisclosedClaims(credential.Claims, today);
            await counter.CountAsync(new UsageEvent(UsageEvents.PresentationVerified, credential.Vct ?? credential.Doctype ?? string.Empty, credential.Format, transaction.RelyingPartyId, credential.LevelOfAssurance ?? UsageEvents.UnknownLevel, band), 1, run).ConfigureAwait(false);
        }
    }

    /// <summary>The counters of the UTC days <paramref name="from"/> to <paramref name="to"/>.</summary>
    public ValueTask<IReadOnlyList<UsageCount>> ReadAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        counter?.ReadAsync(from, to, cancellationToken) ?? ValueTask.FromResult<IReadOnlyList<UsageCount>>([]);

    /// <summary>The statistics settings.</summary>
    public StatisticsOptions Options => options.Value.Statistics;

    // The type a request asks for: one credential query with one vct or a doctype; else "multiple".
    private static (string Type, string Format) TypeOf(DcqlQuery query)
    {
        if (query.Credentials is not [var single])
        {
            return (UsageEvents.MultipleTypes, string.Empty);
        }

        var type = single.Meta switch
        {
            SdJwtVcCredentialQueryMeta { VctValues: [var vct] } => vct,
            SdJwtVcCredentialQueryMeta => UsageEvents.MultipleTypes,
            MdocCredentialQueryMeta mdoc => mdoc.DoctypeValue,
            _ => string.Empty,
        };
        return (type, single.Format);
    }
}
