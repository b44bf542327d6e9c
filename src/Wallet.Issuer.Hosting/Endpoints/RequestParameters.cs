using Wallet.Hosting;

namespace Wallet.Issuer.Endpoints;

/// <summary>
/// The query or form parameters of a request, read in exactly one place for every issuer endpoint. Each name keeps
/// every value received, so a repeated parameter is seen and refused (RFC 6749 §3.1: "Request and response parameters
/// MUST NOT be included more than once") instead of one value being picked or an exception escaping.
/// Reading <c>HttpRequest.Query</c>, <c>HttpRequest.Form</c> or <c>ReadFormAsync</c> anywhere else in the issuer is a
/// build error (BannedSymbols.txt).
/// </summary>
internal sealed class RequestParameters
{
    // Far above any form of the protocol (the largest, a PAR request, holds a few hundred bytes of parameters).
    private const int MaxFormBytes = 256 * 1024;

    private RequestParameters(Dictionary<string, string[]> values)
    {
        All = values;
        Repeated = values.FirstOrDefault(p => p.Value.Length > 1).Key;
    }

    /// <summary>Every parameter with every value received; a parameter sent twice has two values.</summary>
    public IReadOnlyDictionary<string, string[]> All { get; }

    /// <summary>The first parameter sent more than once, or null.</summary>
    public string? Repeated { get; }

    /// <summary>The value of <paramref name="name"/> when it was sent exactly once; null when absent or repeated.</summary>
    public string? Single(string name) => All.TryGetValue(name, out var values) && values.Length == 1 ? values[0] : null;

    /// <summary>The parameters of the query string.</summary>
    public static RequestParameters FromQuery(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
#pragma warning disable RS0030 // The one place that reads the query.
        return From(request.Query);
#pragma warning restore RS0030
    }

    /// <summary>
    /// The parameters of an <c>application/x-www-form-urlencoded</c> or multipart body; null when the body is not a
    /// form or is malformed (bad encoding, over the size limits, cut short). The body is read with the one bounded reader
    /// first, so a form over <see cref="MaxFormBytes"/> is refused before any of it is parsed.
    /// </summary>
    public static async Task<RequestParameters?> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasFormContentType)
        {
            return null;
        }

        var body = await request.ReadBoundedBodyAsync(MaxFormBytes, cancellationToken).ConfigureAwait(false);
        if (body.IsTooLarge)
        {
            return null;
        }

        // The framework's parser (URL-encoded and multipart) then reads only the bytes already bounded.
        request.Body = new MemoryStream(body.Bytes, writable: false);
        try
        {
#pragma warning disable RS0030 // The one place that reads the form.
            return From(await request.ReadFormAsync(cancellationToken).ConfigureAwait(false));
#pragma warning restore RS0030
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return null;
        }
    }

    private static RequestParameters From(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> source)
    {
        var values = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, value) in source)
        {
            values[name] = [.. value.Select(v => v ?? string.Empty)];
        }

        return new RequestParameters(values);
    }
}
