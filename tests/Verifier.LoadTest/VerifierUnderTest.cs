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

    public Uri StatusListUri => new(BaseUrl, PidProvider.StatusListPath.TrimStart('/'));

    /// <summary>The generated development request-signing root the simulated wallets trust.</summary>
    public string RequestSigningRootPem => File.ReadAllText(Path.Combine(DataDirectory, RequestSigningCredentials.DevelopmentRootFileName));

    public static async Task<VerifierUnderTest> StartAsync(string dataDirectory, PidProvider provider)
    {
        var port = FreeLoopbackPort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls(baseUrl.AbsoluteUri);
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddVerifier(o =>
        {
            o.PublicBaseUrl = baseUrl;
            o.DataDirectory = dataDirectory;
            o.TrustAnchors.Add($"{provider.RootPemPath}|high");
            o.RelyingParties.Add(new() { Id = "load-test", ApiKeySha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))) });
            o.AllowHttpStatusListOnLoopback = true;

            // The driver measures capacity from one address and one key, which the abuse limits would throttle.
            o.RateLimits.Enabled = false;
        });
        var app = builder.Build();
        app.MapVerifier();
        var statusListUri = new Uri(baseUrl, PidProvider.StatusListPath.TrimStart('/'));
        var statusList = provider.StatusListToken(statusListUri);
        app.MapGet(PidProvider.StatusListPath, () => Results.Text(statusList, "application/statuslist+jwt"));
        await app.StartAsync().ConfigureAwait(false);
        return new VerifierUnderTest(app, baseUrl, dataDirectory);
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
