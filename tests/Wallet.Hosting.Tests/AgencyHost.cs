using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Wallet.Hosting.Telemetry;
using Wallet.Issuer;
using Wallet.Verifier;
using Wallet.Verifier.Options;
using Wallet.Verifier.Signing;

namespace Wallet.Hosting.Tests;

/// <summary>
/// An agency's own ASP.NET Core app that embeds both packages: the PID issuer under <c>/pid</c> with the agency's
/// register, keys and login, and the Verifier at the root trusting the agency's IACA. Runs on an in-memory TestServer;
/// every URL the services name (offers, metadata, status lists, request objects) is served by this one app.
/// </summary>
public sealed class AgencyHost : IAsyncDisposable
{
    public const string Origin = "https://agency.test";
    public const string IssuerUrl = Origin + "/pid";
    public const string IssuerApiKey = "agency-issuer-api-key";
    public const string VerifierApiKey = "agency-verifier-api-key";
    public const string StatisticsApiKey = "agency-statistics-api-key";

    // Not exposed by the Verifier package: the named client it fetches status lists with; routed to this app.
    private const string VerifierStatusListClient = "Wallet.Verifier.StatusList";

    private readonly WebApplication _app;
    private readonly bool _ownsFolder;

    private AgencyHost(WebApplication app, AgencyPki pki, string folder, bool ownsFolder)
    {
        _app = app;
        Pki = pki;
        Folder = folder;
        _ownsFolder = ownsFolder;
        Http = app.GetTestClient();
    }

    /// <summary>What instances of one agency share (issue 12): the key folder, the keys and one PostgreSQL database per service.</summary>
    public sealed record SharedState(string Folder, AgencyPki Pki, string IssuerDatabase, string VerifierDatabase);

    public AgencyPki Pki { get; }

    public string Folder { get; }

    /// <summary>A client of the app that does not follow redirects (the wallet's and the browser's).</summary>
    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="defaultRegister">Use the issuer's built-in register (synthetic persons, incl. the minor <c>ola-minor</c>) instead of the agency's.</param>
    /// <param name="configureIssuer">Further issuer settings, e.g. a configuration's level of assurance.</param>
    /// <param name="shared">Start one more instance of an agency on PostgreSQL, instead of a lone app on SQLite in its own folder.</param>
    /// <param name="telemetry">Turns on both services' telemetry with in-memory exporters and captures the logs.</param>
    /// <param name="time">The clock both services share (a FakeTimeProvider moves it; move it by minutes only, the purge timers tick every minute).</param>
    public static async Task<AgencyHost> StartAsync(bool defaultRegister = false, Action<Wallet.Issuer.Options.IssuerOptions>? configureIssuer = null, SharedState? shared = null, Telemetry.TelemetryCapture? telemetry = null, TimeProvider? time = null)
    {
        var folder = shared?.Folder ?? Path.Combine(Path.GetTempPath(), "agency-host-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var pki = shared?.Pki ?? new AgencyPki(DateTimeOffset.UtcNow);
        var iacaPem = pki.WriteRootPem(folder);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ApplicationName = typeof(AgencyHost).Assembly.GetName().Name });
        builder.WebHost.UseTestServer();

        builder.Services.AddSingleton(pki);
        if (time is not null)
        {
            // Registered before the packages, whose TryAdd of the system clock then keeps this one.
            builder.Services.AddSingleton(time);
        }

        var issuer = builder.Services.AddPidIssuer(options =>
            {
                options.IssuerUrl = IssuerUrl;
                options.DataDirectory = Path.Combine(folder, "issuer");
                options.RequireWalletAttestation = false;
                options.ApiKeys.Add(new() { Name = "agency", Sha256 = Sha256Hex(IssuerApiKey) });
                options.Statistics.ApiKeys.Add(new() { Name = "statistics office", Sha256 = Sha256Hex(StatisticsApiKey) });
                if (shared is not null)
                {
                    options.Database.Provider = Wallet.Hosting.Database.DatabaseProvider.PostgreSql;
                    options.Database.ConnectionString = shared.IssuerDatabase;
                }

                configureIssuer?.Invoke(options);
            })
            .UseSigningKeys<AgencyKeys>()
            .UseLogin<AgencyLogin>();
        if (!defaultRegister)
        {
            issuer.UsePersonRegister<AgencyRegister>();
        }

        builder.Services.AddVerifier(options =>
        {
            options.PublicBaseUrl = new Uri(Origin + "/");
            options.DataDirectory = Path.Combine(folder, "verifier");
            options.TrustAnchors.Add(iacaPem + "|high");
            options.RelyingParties.Add(new RelyingPartyOptions { Id = "agency-rp", ApiKeySha256 = Sha256Hex(VerifierApiKey) });
            options.Statistics.ApiKeys.Add(new() { Name = "statistics office", Sha256 = Sha256Hex(StatisticsApiKey) });
            if (shared is not null)
            {
                options.Database.Provider = Wallet.Hosting.Database.DatabaseProvider.PostgreSql;
                options.Database.ConnectionString = shared.VerifierDatabase;
            }
        });
        if (telemetry is not null)
        {
            builder.Services.AddServiceTelemetry("agency", exportOtlp: false, ServiceTelemetry.IssuerMeterName, ServiceTelemetry.VerifierMeterName)
                .WithTracing(tracing => tracing.AddInMemoryExporter(telemetry.Spans))
                .WithMetrics(metrics => metrics.AddInMemoryExporter(telemetry.Metrics));
            builder.Services.AddSingleton<Telemetry.TelemetryCapture.TracerProviderAccessor>();
            telemetry.AddLogging(builder.Logging);
        }

        builder.Services.AddHttpClient(VerifierStatusListClient)
            .ConfigurePrimaryHttpMessageHandler(provider => new InAppHandler(provider));

        var app = builder.Build();
        app.UsePidIssuer();
        app.MapPidIssuer();
        app.MapVerifier();
        AgencyLogin.Map(app);
        await app.StartAsync();
        return new AgencyHost(app, pki, folder, ownsFolder: shared is null);
    }

    /// <summary>The Verifier's request-signing root (generated for development into its data folder), which the wallet trusts.</summary>
    public X509Certificate2 VerifierRequestSigningRoot
    {
        get
        {
            _ = Services.GetRequiredService<RequestSigningCredentials>();
            return X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(Folder, "verifier", RequestSigningCredentials.DevelopmentRootFileName)));
        }
    }

    /// <summary>A handler that sends requests into this app (for a client that spreads its requests over instances).</summary>
    public HttpMessageHandler CreateHandler() => _app.GetTestServer().CreateHandler();

    /// <summary>Calls an API of the app with an API key in <c>X-API-Key</c>.</summary>
    public async Task<JsonNode> PostApiAsync(string path, object body, string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-API-Key", apiKey);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(text);
        return JsonNode.Parse(text)!;
    }

    public async Task<JsonNode> GetApiAsync(string path, string apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-API-Key", apiKey);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(text);
        return JsonNode.Parse(text)!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_ownsFolder)
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private static string Sha256Hex(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
