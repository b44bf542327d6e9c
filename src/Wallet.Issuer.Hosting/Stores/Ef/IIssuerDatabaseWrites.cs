namespace Wallet.Issuer.Stores.Ef;

/// <summary>
/// Runs the EF stores' writes. The SQLite default queues them in process with group commit (<see cref="SqliteWriteQueue"/>);
/// a server database that locks rows itself registers <see cref="DirectDatabaseWrites"/> instead and skips the queue.
/// </summary>
/// <remarks>
/// A write must not begin or commit a transaction itself: under group commit it shares the batch's transaction. A write
/// that needs several statements to stand or fall together uses the overload with <c>keep</c>, which gives it a
/// transaction (or savepoint) of its own, reachable as <c>db.Database.CurrentTransaction</c>.
/// </remarks>
internal interface IIssuerDatabaseWrites
{
    /// <summary>Runs <paramref name="write"/> on a fresh context when it is this write's turn.</summary>
    ValueTask<T> RunAsync<T>(Func<IssuerDbContext, CancellationToken, Task<T>> write, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="write"/> atomically: all its statements are kept when <paramref name="keep"/> accepts its
    /// result, and all are rolled back when it does not, or when it throws.
    /// </summary>
    ValueTask<T> RunAsync<T>(Func<IssuerDbContext, CancellationToken, Task<T>> write, Func<T, bool> keep, CancellationToken cancellationToken);
}
