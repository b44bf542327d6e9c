using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Wallet.Verifier.Options;
using Wallet.Verifier.Stores;
using Wallet.Verifier.Transactions;

namespace Wallet.Verifier.Tests;

/// <summary>A host replaces the embedded SQLite stores through <c>AddVerifier().UseStores&lt;T&gt;()</c> (issue 11, "Seams an agency needs").</summary>
public sealed class HostStoresTests
{
    [Fact]
    public async Task Presentation_runs_on_the_host_stores_and_no_sqlite_database_is_created()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"verifier-tests-{Guid.NewGuid():N}");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddVerifier(o => Configure(o, dataDirectory)).UseStores<InMemoryVerifierStore>();
        builder.Services.AddHttpClient(VerifierServiceCollectionExtensions.StatusListHttpClient)
            .ConfigurePrimaryHttpMessageHandler(() => new StatusListHandler(TestCredentials.StatusLists));
        await using var app = builder.Build();
        app.MapVerifier();
        await app.StartAsync();
        using var api = app.GetTestClient();
        api.BaseAddress = new Uri(VerifierApp.PublicBaseUrl);
        api.DefaultRequestHeaders.Add("X-Api-Key", VerifierApp.ApiKey);
        using var walletHttp = app.GetTestClient();
        walletHttp.BaseAddress = new Uri(VerifierApp.PublicBaseUrl);
        var root = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(
            await File.ReadAllTextAsync(Path.Combine(dataDirectory, Signing.RequestSigningCredentials.DevelopmentRootFileName)));
        var wallet = new TestWallet(walletHttp, root, clock, TestCredentials.IssuePid(Wallet.Core.Jose.SigningKey.Generate()));

        var created = await Api.CreateAsync(api, Api.Body());
        var run = await wallet.RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());
        var status = await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>());

        run.Response.StatusCode.Should().Be(HttpStatusCode.OK, run.Body?.ToJsonString());
        status["status"]!.GetValue<string>().Should().Be("verified", status.ToJsonString());
        var store = app.Services.GetRequiredService<InMemoryVerifierStore>();
        (await store.FindAsync(created["transactionId"]!.GetValue<string>(), CancellationToken.None))!.Status.Should().Be(TransactionStatus.Verified);
        store.Transitions.Should().Be(3, "Pending → RequestFetched → ResponseReceived → Verified");
        store.KeysSaved.Should().Be(1);
        store.ConsumedNonces.Should().Be(1);
        (await store.ListAsync(created["transactionId"]!.GetValue<string>(), CancellationToken.None)).Select(e => e.Type).Should().Contain(["created", "request_fetched", "response_received", "verified"]);
        File.Exists(Path.Combine(dataDirectory, "verifier.db")).Should().BeFalse();
        await app.StopAsync();
    }

    [Fact]
    public void UseStores_replaces_every_store_registration_with_one_host_instance()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddVerifier(o => Configure(o, Path.Combine(Path.GetTempPath(), "verifier-host-stores-" + Guid.NewGuid().ToString("N")))).UseStores<InMemoryVerifierStore>();
        using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<InMemoryVerifierStore>();

        provider.GetRequiredService<ITransactionStore>().Should().BeSameAs(store);
        provider.GetRequiredService<INonceStore>().Should().BeSameAs(store);
        provider.GetRequiredService<IEphemeralKeyStore>().Should().BeSameAs(store);
        provider.GetRequiredService<ITransactionEventLog>().Should().BeSameAs(store);
        provider.GetRequiredService<IVerifierStores>().Should().BeSameAs(store);
        services.Count(d => d.ServiceType == typeof(ITransactionStore)).Should().Be(1);
        provider.GetServices<IHostedService>().Select(s => s.GetType().Name).Should().NotContain("DatabaseInitializer").And.Contain(nameof(VerifierStartup));
    }

    [Fact]
    public void UseStores_wins_over_registrations_made_after_it()
    {
        var services = new ServiceCollection().AddLogging();
        var builder = services.AddVerifier(o => Configure(o, Path.Combine(Path.GetTempPath(), "verifier-host-stores-" + Guid.NewGuid().ToString("N"))));
        var host = new InMemoryVerifierStore();
        builder.UseStores(_ => host);
        services.AddVerifier();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ITransactionStore>().Should().BeSameAs(host, "AddVerifier only adds defaults that are missing");
        provider.GetRequiredService<INonceStore>().Should().BeSameAs(host);
        provider.GetRequiredService<IEphemeralKeyStore>().Should().BeSameAs(host);
        provider.GetRequiredService<ITransactionEventLog>().Should().BeSameAs(host);
    }

    private static void Configure(VerifierOptions options, string dataDirectory)
    {
        options.PublicBaseUrl = new Uri(VerifierApp.PublicBaseUrl);
        options.DataDirectory = dataDirectory;
        options.TrustAnchors.Add($"{TestCredentials.RootPemPath}|high");
        options.RelyingParties.Add(new RelyingPartyOptions { Id = "rp1", ApiKeySha256 = VerifierApp.Sha256Hex(VerifierApp.ApiKey) });
    }
}
