using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Wallet.Core.Dcql;
using Wallet.Core.Mdoc;
using Wallet.Core.OpenId4Vp;
using Wallet.Verifier.Stores;
using Wallet.Verifier.Validation;

namespace Wallet.Verifier.Tests;

/// <summary>
/// Every posted response ends as verified or rejected with codes: a validation that throws, and a stop during validation,
/// leave no transaction in "response received" (issue 10, defect 3; specs/verifier.md "Transaction states").
/// </summary>
public sealed class TransactionStateTests
{
    private const string SecretInExceptionMessage = "Erika-from-the-presentation";

    [Theory]
    [InlineData(ResponseModes.DirectPost, null)]
    [InlineData(ResponseModes.DirectPostJwt, null)]
    [InlineData(ResponseModes.DirectPost, "https://rp.example/done")]
    [InlineData(ResponseModes.DirectPostJwt, "https://rp.example/done")]
    public async Task Response_whose_validation_throws_is_rejected_with_internal_error_and_a_retry_gets_invalid_request_OID4VP_8_2(string responseMode, string? redirectUri)
    {
        using var app = new VerifierApp(services: s => s.AddSingleton<IPresentationValidator, ThrowingValidator>());
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body(responseMode, redirectUri: redirectUri));
        var wallet = EndToEndTests.Wallet(app);
        var request = await wallet.FetchRequestAsync(created["authorizationRequestUri"]!.GetValue<string>());

        var first = await wallet.RespondAsync(request);
        var retry = await wallet.PostAsync(request, new Dictionary<string, string>(first.Form));

        first.Response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        first.Body!["error"]!.GetValue<string>().Should().Be("server_error");
        first.Body.ToJsonString().Should().NotContain(SecretInExceptionMessage).And.NotContain(" at ");
        retry.Response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        retry.Body!["error"]!.GetValue<string>().Should().Be("invalid_request");
        var status = await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>());
        status["status"]!.GetValue<string>().Should().Be("rejected", "no response code is needed to read a rejection that carries no personal data");
        Api.ErrorCodes(status).Should().Equal(VerifierErrorCodes.InternalError);
        var events = await api.GetStringAsync($"/api/presentations/{created["transactionId"]}/events");
        events.Should().Contain(VerifierErrorCodes.InternalError);
        app.Logs.Messages.Should().Contain(m => m.Contains(VerifierErrorCodes.InternalError, StringComparison.Ordinal) && m.Contains(nameof(InvalidOperationException), StringComparison.Ordinal));
        app.Logs.Messages.Should().NotContain(m => m.Contains(SecretInExceptionMessage, StringComparison.Ordinal), "exception messages may quote the presentation");
    }

    [Fact]
    public async Task Transaction_left_half_processed_by_a_stop_is_rejected_at_the_next_start()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"verifier-tests-{Guid.NewGuid():N}");
        string requestUri;
        string id;
        string untouched;
        using (var first = new VerifierApp(dataDirectory: dataDirectory))
        {
            using var api = first.ApiClient();
            var created = await Api.CreateAsync(api, Api.Body());
            (requestUri, id) = (created["requestUri"]!.GetValue<string>(), created["transactionId"]!.GetValue<string>());
            untouched = (await Api.CreateAsync(api, Api.Body()))["transactionId"]!.GetValue<string>();

            // What kill -9 during validation leaves behind: the request fetched, the response accepted, its result never stored.
            using var wallet1 = first.WalletClient();
            using var fetched = await wallet1.GetAsync(new Uri(requestUri));
            fetched.EnsureSuccessStatusCode();
            var store = first.Services.GetRequiredService<ITransactionStore>();
            TransactionTransitions.TryMove((await store.FindAsync(id, CancellationToken.None))!, TransactionStatus.ResponseReceived, first.Clock.GetUtcNow(), out var accept, out _).Should().BeTrue();
            (await store.TryTransitionAsync(id, accept!, CancellationToken.None)).Should().BeTrue();
            (await Api.StatusAsync(api, id))["status"]!.GetValue<string>().Should().Be("pending");
        }

        using var second = new VerifierApp(dataDirectory: dataDirectory);
        using var api2 = second.ApiClient();
        var status = await Api.StatusAsync(api2, id);
        using var wallet = second.WalletClient();
        using var late = await wallet.GetAsync(new Uri(requestUri));

        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Equal(VerifierErrorCodes.ProcessingInterrupted);
        (await Api.StatusAsync(api2, untouched))["status"]!.GetValue<string>().Should().Be("pending", "only half-processed transactions are finished");
        late.StatusCode.Should().Be(HttpStatusCode.NotFound, "the request of a finished transaction is no longer served");
        (await api2.GetStringAsync($"/api/presentations/{id}/events")).Should().Contain(VerifierErrorCodes.ProcessingInterrupted);
    }

    // The recovery on PostgreSQL relies on a validation never outliving InterruptedResponseRecovery.ValidationTimeout
    // (specs/verifier.md, "Transaction states"): one that hangs is cancelled then and ends rejected, not half-done.
    [Fact]
    public async Task Response_whose_validation_outlives_its_timeout_is_rejected_as_interrupted()
    {
        var hanging = new HangingValidator();
        using var app = new VerifierApp(services: s => s.AddSingleton<IPresentationValidator>(hanging));
        using var api = app.ApiClient();
        var created = await Api.CreateAsync(api, Api.Body());
        var wallet = EndToEndTests.Wallet(app);
        var request = await wallet.FetchRequestAsync(created["authorizationRequestUri"]!.GetValue<string>());

        var responding = wallet.RespondAsync(request);
        await hanging.Entered.Task.WaitAsync(TimeSpan.FromSeconds(60));
        (await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>()))["status"]!.GetValue<string>().Should().Be("pending");
        app.Clock.Advance(Wallet.Verifier.Transactions.InterruptedResponseRecovery.ValidationTimeout);
        var answered = await responding.WaitAsync(TimeSpan.FromSeconds(60));

        answered.Response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        answered.Body!["error"]!.GetValue<string>().Should().Be("server_error");
        var status = await Api.StatusAsync(api, created["transactionId"]!.GetValue<string>());
        status["status"]!.GetValue<string>().Should().Be("rejected");
        Api.ErrorCodes(status).Should().Equal(VerifierErrorCodes.ProcessingInterrupted);
    }

    private sealed class HangingValidator : IPresentationValidator
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<PresentationResult> ValidateAsync(DcqlQuery query, IReadOnlyList<TransactionData> transactionData, VpToken vpToken, string clientId, string nonce, Uri responseUri, ResponseEncryption encryption, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable: the delay only ends by cancellation");
        }
    }

    private sealed class ThrowingValidator : IPresentationValidator
    {
        public ValueTask<PresentationResult> ValidateAsync(DcqlQuery query, IReadOnlyList<TransactionData> transactionData, VpToken vpToken, string clientId, string nonce, Uri responseUri, ResponseEncryption encryption, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"Unexpected value {SecretInExceptionMessage}.");
    }
}
