namespace Wallet.Issuer.Stores.Ef;

/// <summary>
/// Runs the EF stores' writes. The SQLite default queues them in process (<see cref="SqliteWriteQueue"/>); a server
/// database that locks rows itself registers <see cref="DirectDatabaseWrites"/> instead and skips the queue.
/// </summary>
internal interface IIssuerDatabaseWrites
{
    /// <summary>Runs <paramref name="write"/> on a fresh context when it is this write's turn.</summary>
    ValueTask<T> RunAsync<T>(Func<IssuerDbContext, CancellationToken, Task<T>> write, CancellationToken cancellationToken);
}
