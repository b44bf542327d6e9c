using System.Security.Cryptography.X509Certificates;
using Wallet.Core.Jose;
using Wallet.Core.StatusList;
using Wallet.Issuer.Options;
using Wallet.Issuer.Protocol;
using Wallet.Issuer.Signing;

namespace Wallet.Issuer.Tests;

/// <summary>A full status list rolls over to the next list (Token Status List §13.2: fresh random indices, never reused).</summary>
public sealed class StatusListRolloverTests
{
    private const int ListSize = 16;

    private sealed class StatusListKeyOnly : IIssuerKeys
    {
        public SigningKey CredentialSigner => throw new InvalidOperationException("not used by status lists");

        public SigningKey DocumentSigner => throw new InvalidOperationException("not used by status lists");

        public SigningKey StatusListSigner { get; } = SigningKey.Generate();

        public X509Certificate2 RootCertificate => throw new InvalidOperationException("not used by status lists");
    }

    private static StatusListProvider Provider(IStatusListStore store, IIssuerKeys keys)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new IssuerOptions { IssuerUrl = IssuerFactory.IssuerUrl, StatusListSize = ListSize });
        return new StatusListProvider(store, keys, new IssuerEndpoints(options), options, TimeProvider.System);
    }

    [Fact]
    public async Task Full_list_rolls_over_to_the_next_and_a_restart_continues_there_without_reusing_an_entry()
    {
        var store = new InMemoryStatusListStore();
        var keys = new StatusListKeyOnly();
        var provider = Provider(store, keys);
        var references = new List<StatusListReference>();

        for (var i = 0; i < (2 * ListSize) + 3; i++)
        {
            var (reference, error) = await provider.AllocateAsync(CancellationToken.None);
            error.Should().BeNull(error?.Message);
            references.Add(reference!);
        }

        var restarted = Provider(store, keys);
        var afterRestart = await restarted.AllocateAsync(CancellationToken.None);
        references.Add(afterRestart.Reference!);

        references.Select(r => (r.Uri.AbsoluteUri, r.Index)).Should().OnlyHaveUniqueItems();
        references.GroupBy(r => r.Uri.AbsoluteUri).ToDictionary(g => g.Key, g => g.Count()).Should().BeEquivalentTo(new Dictionary<string, int>
        {
            [IssuerFactory.IssuerUrl + "/status-lists/1"] = ListSize,
            [IssuerFactory.IssuerUrl + "/status-lists/2"] = ListSize,
            [IssuerFactory.IssuerUrl + "/status-lists/3"] = 4,
        });
        (await restarted.TokenAsync("3", CancellationToken.None)).Should().NotBeNull();
        (await restarted.TokenAsync("4", CancellationToken.None)).Should().BeNull();
    }
}
