using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Wallet.Issuer.Tests;

/// <summary>
/// Runs the real host (Program) over the in-memory test server with a fresh data folder, a movable clock and a known API
/// key. Two factories over the same data folder model a restart.
/// </summary>
public sealed class IssuerFactory : WebApplicationFactory<Program>
{
    public const string IssuerUrl = "https://issuer.test";
    public const string ApiKey = "test-api-key-1";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    // services runs after the host's registrations, e.g. services.AddPidIssuer().UseSigningKeys(…).
    public IssuerFactory(string? dataDirectory = null, IDictionary<string, string?>? settings = null, FakeTimeProvider? clock = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "issuer-tests", Guid.NewGuid().ToString("N"));
        DeleteDataDirectory = dataDirectory is null;
        Clock = clock ?? NewClock();
        _settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Issuer:IssuerUrl"] = IssuerUrl,
            ["Issuer:DataDirectory"] = DataDirectory,
            ["Issuer:GenerateDevelopmentKeys"] = "true",
            ["Issuer:RequireWalletAttestation"] = "false",
            ["Issuer:ApiKeys:0:Name"] = "tests",
            ["Issuer:ApiKeys:0:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))),
            ["Issuer:BatchSize"] = "5",
            ["Issuer:StatusListSize"] = "4096",

            // The sweeper's timer runs on the fake clock: a day keeps it from sweeping when a test moves the clock; the
            // sweep tests call the sweeper themselves.
            ["Issuer:SweepInterval"] = "1.00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        ClientOptions.BaseAddress = new Uri(IssuerUrl);
        ClientOptions.AllowAutoRedirect = false;
    }

    public string DataDirectory { get; }

    /// <summary>A stopped clock at the current time in whole seconds (the resolution of JWT times); it moves only when a test advances it.</summary>
    public static FakeTimeProvider NewClock() => new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public FakeTimeProvider Clock { get; }

    /// <summary>Delete the data folder on dispose; on by default for a folder this factory chose.</summary>
    public bool DeleteDataDirectory { get; set; }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && DeleteDataDirectory && Directory.Exists(DataDirectory))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, configuration) => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            _services?.Invoke(services);
        });
    }

    /// <summary>An offer link that resolves the metadata again (the offer itself is redeemed): a by-value link of the wallet's offer.</summary>
    public string IssuerUrlOffer(TestWallet wallet) => Wallet.Core.OpenId4Vci.CredentialOfferLink.ByValue(wallet.Offer!).ToUri();

    public HttpClient CreateApiClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", ApiKey);
        return client;
    }
}
