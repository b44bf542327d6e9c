using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Wallet.Core.Dcql;
using Wallet.Core.Jose;
using Wallet.Core.OpenId4Vp;
using Wallet.Core.SdJwt;
using Wallet.Core.SdJwtVc;
using Wallet.Core.Trust;

namespace Wallet.Verifier.LoadTest;

/// <summary>
/// One relying party plus one wallet, doing full cycles: RP creates a transaction → wallet fetches and validates the
/// signed Request Object, matches the DCQL query, presents the PID with a KB-JWT and posts an encrypted
/// <c>direct_post.jwt</c> response → RP fetches the verified result.
/// </summary>
internal sealed class SimulatedWallet(HttpClient http, X509ChainValidator verifierTrust, string issued, SigningKey holderKey)
{
    public const string Query = """{"credentials":[{"id":"pid","format":"dc+sd-jwt","meta":{"vct_values":["urn:eudi:pid:1"]},"claims":[{"path":["given_name"]},{"path":["family_name"]},{"path":["birthdate"]}]}]}""";

    private static readonly JsonObject CreateBody = new()
    {
        ["dcql_query"] = JsonNode.Parse(Query),
        ["response_mode"] = ResponseModes.DirectPostJwt,
        ["request_uri_method"] = RequestUriMethods.Get,
    };

    private int _cycles;

    /// <summary>Replayed responses of the measured run, and how many the Verifier accepted (must stay 0).</summary>
    public static int ReplaysSent;

    /// <inheritdoc cref="ReplaysSent"/>
    public static int ReplaysAccepted;

    /// <summary>Every this many cycles the response is posted a second time (not timed); 0: never.</summary>
    public int ReplayEvery { get; init; }

    private readonly SdJwt _credential = SdJwt.TryParse(issued, SdJwtLimits.Default, out var parsed, out var error) ? parsed : throw new InvalidOperationException(error.Message);
    private readonly JsonObject _claims = PidSdJwtVc.ToClaims(PidProvider.Person);
    private readonly RequestObjectValidator _validator = new(new RequestObjectValidatorOptions { ChainValidator = verifierTrust, AllowHttpLoopback = true });

    /// <summary>One full cycle; null when verified, else what went wrong.</summary>
    public async Task<string?> RunCycleAsync(LatencyRecorder? recorder, CancellationToken cancellationToken)
    {
        var cycle = Stopwatch.StartNew();
        var step = Stopwatch.StartNew();

        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/presentations") { Content = JsonContent.Create(CreateBody) };
        create.Headers.Add("X-Api-Key", VerifierUnderTest.ApiKey);
        using var created = await http.SendAsync(create, cancellationToken).ConfigureAwait(false);
        if (!created.IsSuccessStatusCode)
        {
            return $"create: {(int)created.StatusCode}";
        }

        var transaction = (await created.Content.ReadFromJsonAsync<JsonObject>(cancellationToken).ConfigureAwait(false))!;
        recorder?.Add(LatencyRecorder.Steps[0], step.Elapsed);

        step.Restart();
        if (!AuthorizationRequestUri.TryParse(transaction["authorizationRequestUri"]!.GetValue<string>(), out var reference, out var uriError))
        {
            return $"authorization request URI: {uriError.Code}";
        }

        using var fetched = await http.GetAsync(reference.RequestUri, cancellationToken).ConfigureAwait(false);
        var requestObject = await fetched.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!fetched.IsSuccessStatusCode)
        {
            return $"request object: {(int)fetched.StatusCode}";
        }

        recorder?.Add(LatencyRecorder.Steps[1], step.Elapsed);

        step.Restart();
        var validation = _validator.Validate(requestObject, reference.ClientId, null);
        if (validation.Request is not { } request || validation.Errors.Count > 0)
        {
            return $"request object invalid: {string.Join(", ", validation.Errors.Select(e => e.Code))}";
        }

        var match = DcqlMatcher.Match(request.DcqlQuery, [DcqlCredential.ForSdJwtVc(PidSdJwtVc.Vct, _claims, hasCryptographicHolderBinding: true)]);
        if (!match.TryGetCredentialQueryMatch("pid", out var queryMatch) || queryMatch.Candidates.Count == 0)
        {
            return "DCQL query not matched by the wallet";
        }

        var presentation = SdJwtHolder.Present(_credential, queryMatch.Candidates[0].PathsToDisclose, new KeyBindingOptions(holderKey, request.ClientId.Value, request.Nonce, DateTimeOffset.UtcNow));
        var form = AuthorizationResponseWriter.CreateResponse(request, VpToken.Create(new Dictionary<string, IReadOnlyList<string>> { ["pid"] = [presentation] }));
        recorder?.Add(LatencyRecorder.Steps[2], step.Elapsed);

        step.Restart();
        using var content = new FormUrlEncodedContent(form);
        using var posted = await http.PostAsync(request.ResponseUri, content, cancellationToken).ConfigureAwait(false);
        if (!posted.IsSuccessStatusCode)
        {
            return $"response: {(int)posted.StatusCode} {await posted.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}";
        }

        recorder?.Add(LatencyRecorder.Steps[3], step.Elapsed);

        if (ReplayEvery > 0 && ++_cycles % ReplayEvery == 0)
        {
            // One response per transaction (OpenID4VP 1.0 §8.2): through the balancer the replay may land on either instance.
            using var again = new FormUrlEncodedContent(form);
            using var replayed = await http.PostAsync(request.ResponseUri, again, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref ReplaysSent);
            if (replayed.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref ReplaysAccepted);
                return "double consumption: a replayed response was accepted";
            }
        }

        step.Restart();
        using var result = new HttpRequestMessage(HttpMethod.Get, $"/api/presentations/{transaction["transactionId"]!.GetValue<string>()}");
        result.Headers.Add("X-Api-Key", VerifierUnderTest.ApiKey);
        using var answered = await http.SendAsync(result, cancellationToken).ConfigureAwait(false);
        var status = (await answered.Content.ReadFromJsonAsync<JsonObject>(cancellationToken).ConfigureAwait(false))!;
        if (status["status"]?.GetValue<string>() != "verified")
        {
            return $"result: {status.ToJsonString()}";
        }

        recorder?.Add(LatencyRecorder.Steps[4], step.Elapsed);
        recorder?.Add(LatencyRecorder.Steps[5], cycle.Elapsed);
        return null;
    }
}
