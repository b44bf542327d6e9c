namespace Wallet.Client;

/// <summary>The wallet's credentials, in memory: gone when the process ends. Thread-safe.</summary>
public sealed class InMemoryCredentialStore
{
    private readonly Lock _lock = new();
    private readonly List<StoredCredential> _credentials = [];

    /// <summary>Every stored credential, in the order received.</summary>
    public IReadOnlyList<StoredCredential> Credentials
    {
        get
        {
            lock (_lock)
            {
                return [.. _credentials];
            }
        }
    }

    /// <summary>Stores <paramref name="credential"/>.</summary>
    public void Add(StoredCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        lock (_lock)
        {
            _credentials.Add(credential);
        }
    }
}
