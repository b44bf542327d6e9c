using Microsoft.EntityFrameworkCore;

namespace Wallet.Issuer.Stores.Ef;

/// <summary>
/// Queues this process's writes to the SQLite database, one at a time, in arrival order.
/// </summary>
/// <remarks>
/// SQLite has one writer at a time. Left to itself, a second writer gets SQLITE_BUSY and Microsoft.Data.Sqlite retries
/// after sleeping 150 ms, which put 180 ms on the 90th and over a second on the 99th percentile of the credential
/// endpoint's load test (specs/performance.md). Waiting here costs only the writes ahead in the queue. Reads (WAL) are
/// not queued.
/// </remarks>
internal sealed class SqliteWriteQueue(IDbContextFactory<IssuerDbContext> factory) : IIssuerDatabaseWrites, IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    public async ValueTask<T> RunAsync<T>(Func<IssuerDbContext, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            return await write(db, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose() => _turn.Dispose();
}
