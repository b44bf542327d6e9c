using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Wallet.Verifier.Webhooks;

namespace Wallet.Verifier.Tests;

/// <summary>
/// Signed webhooks per relying party: on verified or rejected, the Verifier POSTs a JWS (typ verifier-notification+jwt)
/// signed with its request-signing key to a receiver on loopback (a real Kestrel server), retried from a persisted outbox.
/// </summary>
public sealed class WebhookTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Notification_is_delivered_signed_by_the_verifiers_published_key_without_personal_data()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => HttpStatusCode.NoContent);
        using var app = new VerifierApp(settings: Settings(receiver));
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body());
        var id = created["transactionId"]!.GetValue<string>();

        (await EndToEndTests.Wallet(app).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>())).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        await receiver.WaitForAsync(1);

        var delivery = receiver.Received.Single();
        delivery.ContentType.Should().Be("application/jwt");
        var (header, payload) = Verify(delivery.Body, app.RequestSigningRoot);
        header["typ"]!.GetValue<string>().Should().Be("verifier-notification+jwt");
        payload["aud"]!.GetValue<string>().Should().Be("rp1");
        payload["iss"]!.GetValue<string>().Should().Be(VerifierApp.PublicBaseUrl.TrimEnd('/'));
        payload["transaction_id"]!.GetValue<string>().Should().Be(id);
        payload["status"]!.GetValue<string>().Should().Be("verified");
        payload["result_uri"]!.GetValue<string>().Should().Be($"{VerifierApp.PublicBaseUrl}api/presentations/{id}");
        payload["jti"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        payload["iat"]!.GetValue<long>().Should().Be(app.Clock.GetUtcNow().ToUnixTimeSeconds());
        payload.ToJsonString().Should().NotContain(TestCredentials.GivenName, "the notification links to the result instead of carrying it");
        payload.AsObject().Select(p => p.Key).Should().BeEquivalentTo("iss", "aud", "iat", "jti", "transaction_id", "status", "result_uri");
    }

    [Fact]
    public async Task Notification_is_retried_after_server_errors_with_the_same_jti()
    {
        await using var receiver = await WebhookReceiver.StartAsync(attempt => attempt <= 2 ? HttpStatusCode.InternalServerError : HttpStatusCode.OK);
        using var app = new VerifierApp(settings: Settings(receiver));
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body());

        await EndToEndTests.Wallet(app).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());
        await AdvanceUntilAsync(app, receiver, 3);

        receiver.Received.Should().HaveCount(3);
        receiver.Received.Select(r => Verify(r.Body, app.RequestSigningRoot).Payload["jti"]!.GetValue<string>()).Distinct().Should().ContainSingle("a retry sends the same notification");
        var outbox = app.Services.GetRequiredService<IWebhookOutbox>();
        (await outbox.CountAsync(WebhookDeliveryState.Delivered, CancellationToken.None)).Should().Be(1);
        (await outbox.CountAsync(WebhookDeliveryState.Pending, CancellationToken.None)).Should().Be(0);
    }

    [Fact]
    public async Task Delivery_is_dead_lettered_after_the_maximum_attempts_and_health_says_so()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => HttpStatusCode.ServiceUnavailable);
        using var app = new VerifierApp(settings: Settings(receiver, maxAttempts: 3));
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body());

        await EndToEndTests.Wallet(app).RespondAsync(created["authorizationRequestUri"]!.GetValue<string>());
        await AdvanceUntilAsync(app, receiver, 3);
        var outbox = app.Services.GetRequiredService<IWebhookOutbox>();
        for (var i = 0; i < 50 && await outbox.CountAsync(WebhookDeliveryState.DeadLetter, CancellationToken.None) == 0; i++)
        {
            await Task.Delay(100);
        }

        // No further attempt, however long one waits.
        for (var i = 0; i < 5; i++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(100);
        }

        receiver.Received.Should().HaveCount(3);
        (await outbox.CountAsync(WebhookDeliveryState.DeadLetter, CancellationToken.None)).Should().Be(1);
        var health = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == WebhookDeadLetterHealthCheck.Name);
        health.Status.Should().Be(HealthStatus.Degraded);
        health.Entries[WebhookDeadLetterHealthCheck.Name].Data["dead_letters"].Should().Be(1);
    }

    [Fact]
    public async Task Notification_is_not_sent_for_another_relying_partys_transaction()
    {
        await using var receiver = await WebhookReceiver.StartAsync(_ => HttpStatusCode.OK);
        using var app = new VerifierApp(settings: Settings(receiver));
        using var rp1 = app.ApiClient();
        using var rp2 = app.ApiClient(VerifierApp.OtherApiKey);
        var other = await Api.CreateAsync(rp2, Api.Body());
        var own = await Api.CreateAsync(rp1, Api.Body());

        await EndToEndTests.Wallet(app).RespondAsync(other["authorizationRequestUri"]!.GetValue<string>());
        await EndToEndTests.Wallet(app).RespondAsync(own["authorizationRequestUri"]!.GetValue<string>());
        await receiver.WaitForAsync(1);
        await Task.Delay(500);

        receiver.Received.Should().ContainSingle();
        Verify(receiver.Received.Single().Body, app.RequestSigningRoot).Payload["transaction_id"]!.GetValue<string>().Should().Be(own["transactionId"]!.GetValue<string>());
    }

    [Fact]
    public void Backoff_doubles_from_the_first_delay_within_twenty_percent_jitter_and_an_hour()
    {
        var first = TimeSpan.FromSeconds(10);

        WebhookDispatcher.Backoff(first, 1, 0.5).Should().Be(TimeSpan.FromSeconds(10));
        WebhookDispatcher.Backoff(first, 3, 0.5).Should().Be(TimeSpan.FromSeconds(40));
        WebhookDispatcher.Backoff(first, 3, 0).Should().Be(TimeSpan.FromSeconds(32));
        WebhookDispatcher.Backoff(first, 3, 1).Should().Be(TimeSpan.FromSeconds(48));
        WebhookDispatcher.Backoff(first, 19, 0.5).Should().Be(TimeSpan.FromHours(1));
    }

    private static Dictionary<string, string?> Settings(WebhookReceiver receiver, int maxAttempts = 8) => new()
    {
        ["Verifier:RelyingParties:0:Webhook:Url"] = receiver.Url.AbsoluteUri,
        ["Verifier:RelyingParties:0:Webhook:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Verifier:RelyingParties:0:Webhook:FirstRetryDelay"] = "00:00:01",
    };

    // The retry waits run on the fake clock: moved in small steps until the receiver saw enough attempts.
    private static async Task AdvanceUntilAsync(VerifierApp app, WebhookReceiver receiver, int attempts)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (receiver.Received.Count < attempts && DateTime.UtcNow < deadline)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(100);
        }

        receiver.Received.Count.Should().BeGreaterThanOrEqualTo(attempts);
    }

    /// <summary>Checks the JWS by hand (RFC 7515 §5.2, ES256 over the ASCII of header.payload) with the leaf of its x5c, which must chain to <paramref name="root"/>.</summary>
    private static (JsonNode Header, JsonNode Payload) Verify(string jws, X509Certificate2 root)
    {
        var parts = jws.Split('.');
        parts.Should().HaveCount(3);
        var header = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[0]))!;
        header["alg"]!.GetValue<string>().Should().Be("ES256");
        using var leaf = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(header["x5c"]![0]!.GetValue<string>()));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        foreach (var extra in header["x5c"]!.AsArray().Skip(1))
        {
            chain.ChainPolicy.ExtraStore.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(extra!.GetValue<string>())));
        }

        chain.Build(leaf).Should().BeTrue("the signing certificate chains to the Verifier's published request-signing root");
        using var key = leaf.GetECDsaPublicKey()!;
        key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), System.Buffers.Text.Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256).Should().BeTrue();
        return (header, JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]))!);
    }

    private sealed class WebhookReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private WebhookReceiver(WebApplication app, Uri url)
        {
            _app = app;
            Url = url;
        }

        public Uri Url { get; }

        public ConcurrentQueue<(string Body, string? ContentType)> Received { get; } = new();

        public static async Task<WebhookReceiver> StartAsync(Func<int, HttpStatusCode> answer)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            WebhookReceiver? receiver = null;
            app.MapPost("/hook", async (HttpContext context) =>
            {
                using var reader = new StreamReader(context.Request.Body);
                receiver!.Received.Enqueue((await reader.ReadToEndAsync(), context.Request.ContentType));
                return Results.StatusCode((int)answer(receiver.Received.Count));
            });
            await app.StartAsync();
            receiver = new WebhookReceiver(app, new Uri(new Uri(app.Urls.First()), "/hook"));
            return receiver;
        }

        public async Task WaitForAsync(int count)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (Received.Count < count && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            Received.Count.Should().BeGreaterThanOrEqualTo(count);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
