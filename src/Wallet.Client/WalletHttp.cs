using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Wallet.Core.Http;
using Wallet.Core.Json;
using Wallet.Core.OAuth;

namespace Wallet.Client;

/// <summary>The HTTP plumbing shared by both clients: bounded bodies, error extraction, step timing.</summary>
internal sealed class WalletHttp(HttpClient http, WalletClientOptions options)
{
    private const int MaxDepth = 32;

    public WalletClientOptions Options => options;

    public DateTimeOffset Now => options.TimeProvider.GetUtcNow();

    /// <summary>Runs <paramref name="step"/> and reports it with its timing once it succeeded.</summary>
    public async Task<T> StepAsync<T>(string name, Func<Task<(T Value, string Detail)>> step)
    {
        var started = options.TimeProvider.GetTimestamp();
        var (value, detail) = await step().ConfigureAwait(false);
        options.StepCompleted?.Invoke(new WalletStepReport(name, options.TimeProvider.GetElapsedTime(started), detail));
        return value;
    }

    public async Task<WalletHttpResponse> SendAsync(string step, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw Fail(step, WalletClientErrors.Transport, $"{request.Method} {request.RequestUri?.GetLeftPart(UriPartial.Path)} failed: {e.Message}", null, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(step, WalletClientErrors.Transport, $"{request.Method} {request.RequestUri?.GetLeftPart(UriPartial.Path)} timed out.", null, e);
        }

        using (response)
        {
            var body = await ReadBoundedAsync(step, response, cancellationToken).ConfigureAwait(false);
            return new WalletHttpResponse(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.MediaType, body);
        }
    }

    public Task<WalletHttpResponse> GetAsync(string step, Uri uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        return SendAsync(step, request, cancellationToken);
    }

    /// <summary>The body as a JSON object, or a failure naming the step.</summary>
    public static JsonObject JsonObjectOf(string step, WalletHttpResponse response)
    {
        if (response.MediaType is not ("application/json" or null) || !TryParseObject(response.Body, out var json))
        {
            throw Fail(step, WalletClientErrors.InvalidResponse, $"Expected a JSON object (application/json), got '{response.MediaType ?? "no content type"}'.", (int)response.StatusCode);
        }

        return json;
    }

    /// <summary>A string member of <paramref name="json"/>, or a failure naming the step and member.</summary>
    public static string RequiredString(string step, JsonObject json, string name, int? status = null) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw Fail(step, WalletClientErrors.InvalidResponse, $"The answer has no string member '{name}'.", status);

    /// <summary>The error of a refused request: the OAuth <c>error</c> in the body or in <c>WWW-Authenticate</c>, else the status.</summary>
    public static WalletFlowException Refused(string step, WalletHttpResponse response)
    {
        var status = (int)response.StatusCode;
        if (TryParseObject(response.Body, out var json) && json["error"] is JsonValue error && error.TryGetValue<string>(out var code) && code.Length > 0)
        {
            var description = json["error_description"] is JsonValue d && d.TryGetValue<string>(out var text) ? text : string.Empty;
            return Fail(step, code, description, status);
        }

        foreach (var challenge in response.Headers.WwwAuthenticate)
        {
            if (ChallengeParameter(challenge, "error") is { Length: > 0 } challengeError)
            {
                return Fail(step, challengeError, ChallengeParameter(challenge, "error_description") ?? string.Empty, status);
            }
        }

        return Fail(step, WalletClientErrors.UnexpectedStatus, $"HTTP {status} {response.StatusCode} without an error code.", status);
    }

    public static WalletFlowException Fail(string step, string error, string description, int? status = null, Exception? inner = null) =>
        new(new WalletFlowError(step, error, description, status), inner);

    /// <summary>The server's <c>DPoP-Nonce</c>, when it sent one (RFC 9449 §8).</summary>
    public static string? DpopNonceOf(WalletHttpResponse response) =>
        response.Headers.TryGetValues(DpopProof.NonceHeaderName, out var values) ? values.FirstOrDefault() : null;

    private async Task<string> ReadBoundedAsync(string step, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await BoundedBody.ReadAsync(response.Content, options.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
        if (body.IsTooLarge)
        {
            throw Fail(step, WalletClientErrors.InvalidResponse, $"The answer is over the limit of {options.MaxResponseBytes} bytes.", (int)response.StatusCode);
        }

        return Encoding.UTF8.GetString(body.Bytes);
    }

    private static bool TryParseObject(string body, out JsonObject json)
    {
        json = null!;
        if (body.Length == 0)
        {
            return false;
        }

        if (StrictJson.TryParseNode(body, MaxDepth, allowDuplicateProperties: true, out var node, out _) && node is JsonObject parsed)
        {
            json = parsed;
            return true;
        }

        return false;
    }

    private static string? ChallengeParameter(AuthenticationHeaderValue challenge, string name)
    {
        // RFC 9110 §11.2 auth-params: name="quoted" or name=token, comma separated.
        foreach (var part in (challenge.Parameter ?? string.Empty).Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && part[..equals].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return part[(equals + 1)..].Trim().Trim('"');
            }
        }

        return null;
    }
}
