using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Wallet.Hosting;
using Wallet.Verifier.Options;

namespace Wallet.Verifier.Transactions;

/// <summary>Authenticates relying parties by API key: only SHA-256 hashes are configured, compared in constant time.</summary>
public sealed class RelyingPartyDirectory
{
    private readonly (RelyingPartyOptions Party, byte[] Hash)[] _parties;

    public RelyingPartyDirectory(IOptions<VerifierOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _parties = options.Value.RelyingParties.Select(p => (p, Convert.FromHexString(p.ApiKeySha256))).ToArray();
    }

    /// <summary>The relying party holding <paramref name="apiKey"/>, or null.</summary>
    public RelyingPartyOptions? Authenticate(string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey) || apiKey.Length > 512)
        {
            return null;
        }

        var hash = SecretHash.Bytes(apiKey);
        RelyingPartyOptions? match = null;

        // Every configured hash is compared, so the time taken does not reveal which relying party matched.
        foreach (var (party, expected) in _parties)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, expected))
            {
                match = party;
            }
        }

        return match;
    }
}
