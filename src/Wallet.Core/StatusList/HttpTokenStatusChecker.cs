using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;

using Wallet.Core.Http;

namespace Wallet.Core.StatusList;

/// <summary>
/// Checks a Referenced Token's status by fetching its Status List Token over HTTPS (draft-ietf-oauth-status-list-20
/// §8), verifying it with a <see cref="StatusListTokenVerifier"/> (signature, trust, <c>sub</c> equal to the
/// fetched <c>uri</c>, time window) and reading the entry. Verified tokens are cached per <c>uri</c> for their
/// <c>ttl</c>, never beyond their <c>exp</c>.
/// </summary>
/// <remarks>
/// Fails closed: a fetch, size, media type, trust or parse failure is a failed check, never a VALID status. A
/// revoked or suspended entry is a successful check carrying that status; the caller decides what it means.
/// Failures are not cached, so the next call tries again.
/// </remarks>
public sealed class HttpTokenStatusChecker : ITokenStatusChecker
{
    private readonly HttpClient httpClient;
    private readonly StatusListTokenVerifier verifier;
    private readonly TimeProvider timeProvider;
    private readonly HttpTokenStatusCheckerOptions options;
    private readonly ConcurrentDictionary<string, CacheEntry> cache = new(StringComparer.Ordinal);

    /// <summary>Creates a checker.</summary>
    /// <param name="httpClient">The client to fetch with; its handler decides proxies, TLS and redirects.</param>
    /// <param name="verifier">Verifies fetched tokens; configure it with the same trust as the credentials.</param>
    /// <param name="timeProvider">The clock for caching and timeouts.</param>
    /// <param name="options">Limits and cache settings; validated here.</param>
    public HttpTokenStatusChecker(HttpClient httpClient, StatusListTokenVerifier verifier, TimeProvider timeProvider, HttpTokenStatusCheckerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(verifier);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new HttpTokenStatusCheckerOptions();
        options.Validate();
        this.httpClient = httpClient;
        this.verifier = verifier;
        this.timeProvider = timeProvider;
        this.options = options;
    }

    /// <inheritdoc />
    public async ValueTask<TokenStatusCheckResult> CheckAsync(StatusListReference reference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Index < 0)
        {
            return Failed(StatusListErrorCodes.InvalidReference, "The 'idx' is negative (§6.2).");
        }

        if (!IsAllowedUri(reference.Uri))
        {
            return Failed(StatusListErrorCodes.InsecureUri, $"The status list 'uri' '{reference.Uri.OriginalString}' does not use https (§8.1 requires TLS).");
        }

        var key = reference.Uri.OriginalString;
        StatusListToken token;
        if (cache.TryGetValue(key, out var cached) && timeProvider.GetUtcNow() < cached.ExpiresAt)
        {
            token = cached.Token;
        }
        else
        {
            var (fetched, errors) = await FetchAndVerifyAsync(reference.Uri, cancellationToken).ConfigureAwait(false);
            if (fetched is null)
            {
                return TokenStatusCheckResult.Failed(errors);
            }

            token = fetched;
            Store(key, token);
        }

        if (!token.StatusList.TryGetStatus(reference.Index, out var status))
        {
            return Failed(StatusListErrorCodes.IndexOutOfRange, $"The index {reference.Index} lies outside the Status List of {token.StatusList.Count} entries (§8.3).");
        }

        return TokenStatusCheckResult.Checked(status);
    }

    private async Task<(StatusListToken? Token, IReadOnlyList<VerificationError> Errors)> FetchAndVerifyAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (options.AcceptCwt && options.PreferCwt)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(StatusListMediaTypes.Cwt));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(StatusListMediaTypes.Jwt, 0.5));
        }
        else
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(StatusListMediaTypes.Jwt));
            if (options.AcceptCwt)
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(StatusListMediaTypes.Cwt));
            }
        }

        try
        {
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (response.RequestMessage?.RequestUri is { } finalUri && !IsAllowedUri(finalUri))
            {
                return Error(StatusListErrorCodes.InsecureUri, "The Status List request was redirected to a location that does not use https.");
            }

            if (!response.IsSuccessStatusCode)
            {
                return Error(StatusListErrorCodes.HttpStatus, $"The Status List endpoint answered HTTP {(int)response.StatusCode}; §8.2 expects 2xx.");
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var isJwt = string.Equals(mediaType, StatusListMediaTypes.Jwt, StringComparison.OrdinalIgnoreCase);
            var isCwt = options.AcceptCwt && string.Equals(mediaType, StatusListMediaTypes.Cwt, StringComparison.OrdinalIgnoreCase);
            if (!isJwt && !isCwt)
            {
                return Error(StatusListErrorCodes.ContentType, $"The response's Content-Type is '{mediaType ?? "(none)"}'; expected {(options.AcceptCwt ? $"'{StatusListMediaTypes.Jwt}' or '{StatusListMediaTypes.Cwt}'" : $"'{StatusListMediaTypes.Jwt}'")} (§8.2).");
            }

            var read = await BoundedBody.ReadAsync(response.Content, options.MaxResponseBytes, linked.Token).ConfigureAwait(false);
            if (read.IsTooLarge)
            {
                return Error(StatusListErrorCodes.TooLarge, $"The Status List response exceeds {options.MaxResponseBytes} bytes.");
            }

            var body = read.Bytes;

            StatusListTokenVerificationResult verification;
            if (isJwt)
            {
                string text;
                try
                {
                    text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
                }
                catch (DecoderFallbackException)
                {
                    return Error(StatusListErrorCodes.Malformed, "The response body is not a compact JWS (invalid UTF-8).");
                }

                verification = verifier.VerifyJwt(text, uri);
            }
            else
            {
                verification = verifier.VerifyCwt(body, uri);
            }

            return verification.IsValid ? (verification.Token, []) : (null, verification.Errors);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Error(StatusListErrorCodes.Timeout, $"Fetching the Status List Token took longer than {options.Timeout}.");
        }
        catch (HttpRequestException e)
        {
            return Error(StatusListErrorCodes.FetchFailed, $"The Status List Token could not be fetched: {e.HttpRequestError}.");
        }
        catch (IOException)
        {
            return Error(StatusListErrorCodes.FetchFailed, "The Status List response body could not be read.");
        }
    }

    private void Store(string key, StatusListToken token)
    {
        var now = timeProvider.GetUtcNow();
        var lifetime = token.TimeToLive ?? options.DefaultCacheDuration;
        if (lifetime > options.MaxCacheDuration)
        {
            lifetime = options.MaxCacheDuration;
        }

        var expiresAt = now + lifetime;
        if (token.ExpiresAt is { } exp && exp < expiresAt)
        {
            expiresAt = exp;
        }

        if (expiresAt <= now || options.MaxCacheEntries == 0)
        {
            cache.TryRemove(key, out _);
            return;
        }

        if (cache.Count >= options.MaxCacheEntries && !cache.ContainsKey(key))
        {
            foreach (var entry in cache.Where(e => e.Value.ExpiresAt <= now).ToList())
            {
                cache.TryRemove(entry.Key, out _);
            }

            if (cache.Count >= options.MaxCacheEntries && cache.IsEmpty is false)
            {
                cache.TryRemove(cache.MinBy(e => e.Value.ExpiresAt).Key, out _);
            }
        }

        cache[key] = new CacheEntry(token, expiresAt);
    }

    private bool IsAllowedUri(Uri uri) =>
        uri.IsAbsoluteUri
        && (uri.Scheme == Uri.UriSchemeHttps || (options.AllowHttpForLoopback && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    private static TokenStatusCheckResult Failed(string code, string message) =>
        TokenStatusCheckResult.Failed([new VerificationError(code, message)]);

    private static (StatusListToken?, IReadOnlyList<VerificationError>) Error(string code, string message) =>
        (null, [new VerificationError(code, message)]);

    private sealed record CacheEntry(StatusListToken Token, DateTimeOffset ExpiresAt);
}
