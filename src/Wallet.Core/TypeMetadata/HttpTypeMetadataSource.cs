using System.Net.Http.Headers;
using Wallet.Core.Http;

namespace Wallet.Core.TypeMetadata;

/// <summary>
/// Retrieves Type Metadata over HTTPS (draft-ietf-oauth-sd-jwt-vc-18 §4.3.1, and the HTTP retrieval rules of the -19
/// editor's copy): from the <c>vct</c> itself when it is an https URL, otherwise from the configured registry (§4.3.2).
/// Time- and size-bounded; only a 2xx <c>application/json</c> answer is used, never an error body; a redirect to a
/// non-https location is refused.
/// </summary>
/// <remarks>
/// Nothing is cached here: without an integrity value §4.3.4 leaves caching to the HTTP caching rules, which the
/// client's handler may apply. A document with an integrity value is checked by the caller, whatever its source.
/// </remarks>
public sealed class HttpTypeMetadataSource : ITypeMetadataSource
{
    private readonly HttpClient _httpClient;
    private readonly TimeProvider _timeProvider;
    private readonly HttpTypeMetadataSourceOptions _options;

    /// <summary>Creates a source.</summary>
    /// <param name="httpClient">The client to retrieve with; its handler decides proxies, TLS and redirects.</param>
    /// <param name="timeProvider">The clock for the timeout.</param>
    /// <param name="options">Registry and limits; validated here.</param>
    public HttpTypeMetadataSource(HttpClient httpClient, TimeProvider timeProvider, HttpTypeMetadataSourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= new HttpTypeMetadataSourceOptions();
        options.Validate();
        _httpClient = httpClient;
        _timeProvider = timeProvider;
        _options = options;
    }

    /// <summary>The URL the document of <paramref name="vct"/> is retrieved from, or null when there is none.</summary>
    public Uri? LocationOf(string vct)
    {
        ArgumentNullException.ThrowIfNull(vct);
        if (Uri.TryCreate(vct, UriKind.Absolute, out var url) && IsAllowed(url))
        {
            return url;
        }

        if (_options.Registry is { } registry)
        {
            var baseText = registry.OriginalString.EndsWith('/') ? registry.OriginalString : registry.OriginalString + "/";
            return new Uri(baseText + Uri.EscapeDataString(vct));
        }

        return null;
    }

    /// <inheritdoc />
    public async ValueTask<TypeMetadataRetrieval> RetrieveAsync(string vct, CancellationToken cancellationToken = default)
    {
        if (LocationOf(vct) is not { } location)
        {
            return TypeMetadataRetrieval.NotFound($"The type '{vct}' is not an https URL and no registry is configured (§4.3).");
        }

        using var timeout = new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, location);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (response.RequestMessage?.RequestUri is { } finalUri && !IsAllowed(finalUri))
            {
                return TypeMetadataRetrieval.NotFound("The Type Metadata request was redirected to a location that does not use https.");
            }

            if (!response.IsSuccessStatusCode)
            {
                return TypeMetadataRetrieval.NotFound($"The Type Metadata of '{vct}' was answered with HTTP {(int)response.StatusCode}.");
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (!string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
            {
                return TypeMetadataRetrieval.NotFound($"The Type Metadata response's Content-Type is '{mediaType ?? "(none)"}'; §4.3.1 expects 'application/json'.");
            }

            var body = await BoundedBody.ReadAsync(response.Content, _options.MaxResponseBytes, linked.Token).ConfigureAwait(false);
            return body.IsTooLarge
                ? TypeMetadataRetrieval.NotFound($"The Type Metadata response exceeds {_options.MaxResponseBytes} bytes.")
                : TypeMetadataRetrieval.Found(body.Bytes);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return TypeMetadataRetrieval.NotFound($"Retrieving the Type Metadata took longer than {_options.Timeout}.");
        }
        catch (HttpRequestException e)
        {
            return TypeMetadataRetrieval.NotFound($"The Type Metadata could not be retrieved: {e.HttpRequestError}.");
        }
        catch (IOException)
        {
            return TypeMetadataRetrieval.NotFound("The Type Metadata response body could not be read.");
        }
    }

    private bool IsAllowed(Uri uri) =>
        uri.IsAbsoluteUri
        && (uri.Scheme == Uri.UriSchemeHttps || (_options.AllowHttpForLoopback && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
