using Microsoft.Extensions.Options;
using Wallet.Core.OpenId4Vp;
using Wallet.Core.Security;
using Wallet.Core.Trust;
using Wallet.Verifier.Options;
using Wallet.Verifier.Signing;
using Wallet.Verifier.Stores;
using Wallet.Verifier.Stores.Ef;

namespace Wallet.Verifier.Transactions;

/// <summary>Creates a presentation transaction for a relying party: its handles, nonce, state and, for <c>direct_post.jwt</c>, its ephemeral key.</summary>
internal sealed class PresentationCreator(
    ITransactionStore transactions,
    INonceStore nonces,
    IEphemeralKeyStore keys,
    RequestSigningCredentials signing,
    TransactionUris uris,
    TransactionJournal journal,
    Statistics.VerifierStatistics statistics,
    TimeProvider time,
    IOptions<VerifierOptions> options)
{
    /// <summary>The Client Identifier prefixes a transaction can use with this deployment's request signing certificate.</summary>
    public IReadOnlyCollection<string> AvailableClientIdPrefixes => signing.AvailablePrefixes;

    /// <summary>Creates a transaction for <paramref name="relyingPartyId"/>; it starts <see cref="TransactionStatus.Pending"/>.</summary>
    public async ValueTask<CreatedPresentation> CreateAsync(string relyingPartyId, CreatePresentationCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var clientId = command.ClientIdPrefix is null
            ? signing.ClientId
            : signing.ClientIdFor(command.ClientIdPrefix) ?? throw new ArgumentException($"The request signing certificate cannot be bound to the prefix '{command.ClientIdPrefix}'.", nameof(command));
        var now = time.GetUtcNow();
        var transaction = new TransactionRecord
        {
            Id = NewHandle(),
            RequestId = NewHandle(),
            RelyingPartyId = relyingPartyId,
            CreatedAt = now,
            ExpiresAt = now + options.Value.TransactionLifetime,
            Status = TransactionStatus.Pending,
            ResponseMode = command.ResponseMode,
            RequestUriMethod = command.RequestUriMethod,
            ClientId = clientId.Value,
            Nonce = NewHandle(32),
            State = NewHandle(),
            DcqlQuery = command.Query.Json.GetRawText(),
            TransactionData = StoredTransaction.TransactionDataJson(command.TransactionData),
            RedirectUri = command.RedirectUri?.AbsoluteUri,
            RepresentationCheckJson = command.RepresentationCheckJson,
            MinimumLevelOfAssurance = Stricter(RelyingPartyMinimum(relyingPartyId), command.MinimumLevelOfAssurance),
        };

        (string KeyId, byte[] Pkcs8)? encryptionKey = null;
        if (command.ResponseMode == ResponseModes.DirectPostJwt)
        {
            using var key = VerifierEncryptionKey.Generate();
            encryptionKey = (key.KeyId, key.ExportPkcs8());
        }

        var created = journal.Event("created", $"client_id_prefix={clientId.Prefix}; response_mode={command.ResponseMode}; request_uri_method={command.RequestUriMethod}; same_device={command.RedirectUri is not null}; minimum_level_of_assurance={transaction.MinimumLevelOfAssurance?.ToString() ?? "none"}; transaction_data={string.Join(',', command.TransactionData.Select(t => t.Type))}");
        if (transactions is EfVerifierStore store && ReferenceEquals(nonces, store) && ReferenceEquals(keys, store) && journal.WritesTo(store))
        {
            // The Verifier's own database: key, nonce, record, event and usage count in one write where there were five.
            await store.CreateAsync(transaction, encryptionKey, created, run => statistics.RequestedAsync(relyingPartyId, command.Query, run), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            if (encryptionKey is { } k)
            {
                await keys.SaveAsync(transaction.Id, k.KeyId, k.Pkcs8, cancellationToken).ConfigureAwait(false);
            }

            await nonces.AddAsync(transaction.Nonce, transaction.ExpiresAt, cancellationToken).ConfigureAwait(false);
            await transactions.CreateAsync(transaction, cancellationToken).ConfigureAwait(false);
            await statistics.RequestedAsync(relyingPartyId, command.Query).ConfigureAwait(false);
            await journal.LogAsync(transaction.Id, [created], cancellationToken).ConfigureAwait(false);
        }

        return new CreatedPresentation(transaction.Id, uris.AuthorizationRequestUriOf(transaction), uris.RequestUri(transaction.RequestId).AbsoluteUri, transaction.ExpiresAt)
        {
            MinimumLevelOfAssurance = transaction.MinimumLevelOfAssurance?.ToString().ToLowerInvariant(),
        };
    }

    /// <summary>The relying party's configured minimum level of assurance, if any.</summary>
    public LevelOfAssurance? RelyingPartyMinimum(string relyingPartyId) =>
        options.Value.RelyingParties.FirstOrDefault(p => string.Equals(p.Id, relyingPartyId, StringComparison.Ordinal))?.MinimumLevelOfAssurance;

    /// <summary>The higher of two minimums: a transaction can raise the relying party's minimum, never lower it.</summary>
    public static LevelOfAssurance? Stricter(LevelOfAssurance? a, LevelOfAssurance? b) => a is null ? b : b is null ? a : (a > b ? a : b);

    private static string NewHandle(int bytes = RandomHandle.MinimumBytes) => RandomHandle.Create(bytes);
}
