using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Wallet.Verifier.Stores;
using Wallet.Verifier.Validation;

namespace Wallet.Verifier.Tests;

/// <summary>
/// Issue 16, "counting is complete": a transaction ended outside the request handlers is counted too. The only such
/// path is the start-up recovery of responses a stop left half-processed (<c>InterruptedResponseRecovery</c>); expiry
/// ends nothing that is counted (the request was counted when it was created, and an unanswered request has no outcome).
/// </summary>
public sealed class StatisticsCompletenessTests
{
    private const string StatisticsKey = "statistics-key-of-the-completeness-test";

    [Fact]
    public async Task Responses_rejected_by_the_start_up_recovery_are_counted_with_their_error_code()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Verifier:Statistics:SuppressionThreshold"] = "2",
            ["Verifier:Statistics:ApiKeys:0:Name"] = "test",
            ["Verifier:Statistics:ApiKeys:0:Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(StatisticsKey))),
        };
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"verifier-tests-{Guid.NewGuid():N}");
        using (var first = new VerifierApp(dataDirectory: dataDirectory, settings: settings))
        {
            using var api = first.ApiClient();
            using var wallet = first.WalletClient();
            var store = first.Services.GetRequiredService<ITransactionStore>();

            // Two responses accepted and never finished (what kill -9 during validation leaves), so the count clears the threshold.
            for (var i = 0; i < 2; i++)
            {
                var created = await Api.CreateAsync(api, Api.Body());
                var id = created["transactionId"]!.GetValue<string>();
                using var fetched = await wallet.GetAsync(new Uri(created["requestUri"]!.GetValue<string>()));
                fetched.EnsureSuccessStatusCode();
                TransactionTransitions.TryMove((await store.FindAsync(id, CancellationToken.None))!, TransactionStatus.ResponseReceived, first.Clock.GetUtcNow(), out var accept, out _).Should().BeTrue();
                (await store.TryTransitionAsync(id, accept!, CancellationToken.None)).Should().BeTrue();
            }

            var before = await StatisticsAsync(first);
            before["totals"]!["presentation_requested"]!.GetValue<long>().Should().Be(2);
            before["totals"]!["presentation_rejected"]!.GetValue<long>().Should().Be(0, "nothing has ended yet");
        }

        using var second = new VerifierApp(dataDirectory: dataDirectory, settings: settings);
        var after = await StatisticsAsync(second);

        after["totals"]!["presentation_rejected"]!.GetValue<long>().Should().Be(2);
        var errors = after["tables"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == "by_error_code")!["data"]!.AsArray();
        errors.Should().ContainSingle();
        errors[0]!["row"]!.GetValue<string>().Should().Be(VerifierErrorCodes.ProcessingInterrupted);
        errors[0]!["presentation_rejected"]!.GetValue<long>().Should().Be(2);
        var byRelyingParty = after["tables"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == "by_relying_party")!["data"]!.AsArray();
        byRelyingParty.Single(r => r!["row"]!.GetValue<string>() == "rp1")!["presentation_rejected"]!.GetValue<long>().Should().Be(2, "the recovery counts against the relying party that asked");
    }

    private static async Task<JsonObject> StatisticsAsync(VerifierApp app)
    {
        using var client = app.ApiClient(apiKey: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/statistics");
        request.Headers.Add("X-API-Key", StatisticsKey);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
