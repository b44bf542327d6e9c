using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Wallet.Verifier.Signing;

namespace Wallet.Verifier.LoadTest;

/// <summary>The real Verifier (AddVerifier/MapVerifier) on Kestrel, bound to 127.0.0.1 on a free port, with a temporary data folder.</summary>
internal sealed class VerifierUnderTest : IAsyncDisposable
{
    public const string ApiKey = "load-test-api-key";
    private readonly WebApplication _app;

    private VerifierUnderTest(WebApplication app, Uri baseUrl, string dataDirectory)
    {
        _app = app;
        BaseUrl = baseUrl;
        DataDirectory = dataDirectory;
    }

    public Uri BaseUrl { get; }

    public string DataDirectory { get; }

    /// <summary>The URL of this instance's own listener (<see cref="BaseUrl"/> is the one the Verifier names).</summary>
    public Uri? InstanceUrl { get; private init; }

    public Uri StatusListUri => new(BaseUrl, PidProvider.StatusListPath.TrimStart('/'));

    /// <summary>The generated development request-signing root the simulated wallets trust.</summary>
    public string RequestSigningRootPem => File.ReadAllText(Path.Combine(DataDirectory, RequestSigningCredentials.DevelopmentRootFileName));

    /// <summary>Starts an instance; a second one on the same data folder and database shares the first's request signer.</summary>
    /// <param name="dataDirectory">The data folder (the development request signer is generated here).</param>
    /// <param name="provider">The PID provider whose root is the trust anchor and whose status list this instance serves.</param>
    /// <param name="publicBaseUrl">The URL every instance names (the first instance's); null for a lone instance.</param>
    /// <param name="postgreSql">A PostgreSQL connection string; null for SQLite in the data folder.</param>
    public static async Task<VerifierUnderTest> StartAsync(string dataDirectory, PidProvider provider, Uri? publicBaseUrl = null, string? postgreSql = null)
    {
        var port = FreeLoopbackPort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var named = publicBaseUrl ?? baseUrl;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls(baseUrl.AbsoluteUri);
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddVerifier(o =>
        {
            o.PublicBaseUrl = named;
            if (postgreSql is not null)
            {
                o.Database.Provider = Wallet.Hosting.Database.DatabaseProvider.PostgreSql;
                o.Database.ConnectionString = postgreSql;
            }

            o.DataDirectory = dataDirectory;
            o.TrustAnchors.Add($"{provider.RootPemPath}|high");
            o.RelyingParties.Add(new() { Id = "load-test", ApiKeySha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))) });
            o.AllowHttpStatusListOnLoopback = true;

            // The driver measures capacity from one address and one key, which the abuse limits would throttle.
            o.RateLimits.Enabled = false;
        });
        var app = builder.Build();
        app.MapVerifier();
        var statusListUri = new Uri(named, PidProvider.StatusListPath.TrimStart('/'));
        var statusList = provider.StatusListToken(statusListUri);
        app.MapGet(PidProvider.StatusListPath, () => Results.Text(statusList, "application/statuslist+jwt"));
        await app.StartAsync().ConfigureAwait(false);
        return new VerifierUnderTest(app, named, dataDirectory) { InstanceUrl = baseUrl };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
