using System.Buffers.Text;
using System.Text;

namespace Wallet.Tests.Hostile;

/// <summary>
/// Generates, for one endpoint, the requests an attacker sends first: malformed and oversized bodies, repeated
/// parameters, wrong content types, invalid UTF-8 (in JSON, form values, query strings and base64url-decoded JWT
/// parts), garbage tokens and wrong methods. Deterministic: the same endpoint always gets the same requests.
/// </summary>
public static class HostileRequests
{
    public const string FormType = "application/x-www-form-urlencoded";
    public const string JsonType = "application/json";

    /// <summary>Over every body limit of both services (the largest is 1 MiB).</summary>
    public const int OversizedBytes = (2 * 1024 * 1024) + 1;

    private static readonly string[] OtherMethods = ["GET", "POST", "PUT", "DELETE", "PATCH"];

    /// <summary>Compact JWTs whose base64url-decoded JSON holds invalid UTF-8: in the header (x5c, kid), in the payload (jti, htu).</summary>
    public static readonly IReadOnlyList<(string Name, string Jwt)> InvalidUtf8Jwts =
    [
        ("JWT with 0xFF in header x5c and an escaped lone surrogate in kid", Jwt([.. "{\"alg\":\"ES256\",\"typ\":\"dpop+jwt\",\"x5c\":[\""u8, 0xFF, .. "\"],\"kid\":\"\\udc00\"}"u8], "{\"jti\":\"j\",\"htm\":\"POST\",\"iat\":1}"u8.ToArray())),
        ("JWT with an overlong byte in payload jti and a lone surrogate in htu", Jwt("{\"alg\":\"ES256\",\"typ\":\"dpop+jwt\"}"u8.ToArray(), [.. "{\"jti\":\""u8, 0xC0, 0xAF, .. "\",\"htu\":\"\\ud800\",\"iat\":1}"u8])),
    ];

    /// <summary>
    /// Every hostile request for <paramref name="endpoint"/>; <paramref name="credentials"/> (an API key, say) are added
    /// to the requests that test something other than the credentials themselves.
    /// </summary>
    public static IEnumerable<HostileRequest> For(HostileEndpoint endpoint, IReadOnlyList<KeyValuePair<string, string>>? credentials = null)
    {
        credentials ??= [];
        var post = endpoint.Method == "POST";
        var type = endpoint.Json ? JsonType : FormType;
        var valid = endpoint.ValidBody is null ? null : Encoding.UTF8.GetBytes(endpoint.ValidBody);

        HostileRequest Request(string name, string pathAndQuery, byte[]? body, string? contentType, params KeyValuePair<string, string>[] headers) =>
            new(name, endpoint.Method, pathAndQuery, post ? body ?? [] : null, post ? contentType : null, [.. credentials.Where(c => headers.All(h => !h.Key.Equals(c.Key, StringComparison.OrdinalIgnoreCase))), .. headers]);

        foreach (var method in OtherMethods.Where(m => m != endpoint.Method))
        {
            yield return new HostileRequest($"wrong method {method}", method, endpoint.Path, method is "GET" or "DELETE" ? null : valid ?? [], method is "GET" or "DELETE" ? null : type, credentials);
        }

        foreach (var parameter in endpoint.Parameters.Where(_ => !post || !endpoint.Json).DefaultIfEmpty("x"))
        {
            // A query parameter matters only to a GET endpoint that reads it; elsewhere it must be ignored.
            var ignored = post || !endpoint.Parameters.Contains(parameter);
            var path = endpoint.Path + (endpoint.Path.Contains('?', StringComparison.Ordinal) ? "&" : "?");
            yield return Request($"query: repeated {parameter}", $"{path}{parameter}=a&{parameter}=b", valid, type) with { MayBeIgnored = ignored };
            yield return Request($"query: %FF in {parameter}", $"{path}{parameter}=%FF%FE", valid, type) with { MayBeIgnored = ignored };
            yield return Request($"query: encoded surrogate in {parameter}", $"{path}{parameter}=%ED%B0%80", valid, type) with { MayBeIgnored = ignored };
            yield return Request($"query: overlong %C0%AF in {parameter}", $"{path}{parameter}=%C0%AF", valid, type) with { MayBeIgnored = ignored };
        }

        yield return Request("query: 16 KiB value", $"{endpoint.Path}?x={new string('a', 16 * 1024)}", valid, type) with { MayBeIgnored = true };

        // Headers matter only where the endpoint reads them; the API key only where one is required.
        foreach (var (name, jwt) in InvalidUtf8Jwts)
        {
            yield return Request($"header: Authorization DPoP {name}", endpoint.Path, valid, type, H("Authorization", "DPoP " + jwt), H("DPoP", jwt)) with { MayBeIgnored = true };
            yield return Request($"header: Authorization Bearer {name}", endpoint.Path, valid, type, H("Authorization", "Bearer " + jwt)) with { MayBeIgnored = true };
            yield return Request($"header: client attestation {name}", endpoint.Path, valid, type, H("OAuth-Client-Attestation", jwt), H("OAuth-Client-Attestation-PoP", jwt)) with { MayBeIgnored = true };
        }

        yield return Request("header: Authorization DPoP garbage", endpoint.Path, valid, type, H("Authorization", "DPoP !!not-a-token!!"), H("DPoP", "garbage")) with { MayBeIgnored = true };
        yield return Request("header: Authorization of 8 KiB", endpoint.Path, valid, type, H("Authorization", "Bearer " + new string('A', 8 * 1024))) with { MayBeIgnored = true };
        yield return Request("header: two DPoP proofs", endpoint.Path, valid, type, H("DPoP", InvalidUtf8Jwts[0].Jwt), H("DPoP", InvalidUtf8Jwts[1].Jwt)) with { MayBeIgnored = true };
        yield return Request("header: wrong API key", endpoint.Path, valid, type, H("X-API-Key", "wrong-key")) with { MayBeIgnored = credentials.Count == 0 };
        yield return Request("header: API key of 8 KiB", endpoint.Path, valid, type, H("X-API-Key", new string('k', 8 * 1024))) with { MayBeIgnored = credentials.Count == 0 };

        if (!post)
        {
            yield break;
        }

        string[] malformed = endpoint.Json
            ? ["", "{", "[]", "null", "\"text\"", "{\"a\":1,\"a\":2}", new string('[', 10_000), "{\"a\":1} trailing"]
            : ["", "=", "&&&", "a=%ZZ", "%", "a=" + new string('[', 1000)];
        for (var i = 0; i < malformed.Length; i++)
        {
            yield return Request($"body: malformed {i}", endpoint.Path, Encoding.UTF8.GetBytes(malformed[i]), type) with { MayBeIgnored = endpoint.ValuesMayBeAccepted };
        }

        yield return Request("body: raw control bytes", endpoint.Path, [0x00, 0x01, 0xFF, 0xFE], type);
        yield return Request("body: oversized", endpoint.Path, Oversized(endpoint.Json), type);
        foreach (var wrong in new[] { "text/plain", "application/xml", "multipart/form-data; boundary=x", endpoint.Json ? FormType : JsonType, type + "; charset=iso-8859-1" })
        {
            yield return Request($"content type: {wrong}", endpoint.Path, valid ?? [], wrong);
        }

        yield return Request("content type: none", endpoint.Path, valid ?? [], null);

        foreach (var parameter in endpoint.Parameters)
        {
            if (endpoint.Json)
            {
                yield return Request($"json: 0xFF in {parameter}", endpoint.Path, [.. Encoding.UTF8.GetBytes($"{{\"{parameter}\":\""), 0xFF, .. "\"}"u8], type);
                yield return Request($"json: escaped lone surrogate in {parameter}", endpoint.Path, Encoding.UTF8.GetBytes($"{{\"{parameter}\":\"\\udc00\"}}"), type);
                yield return Request($"json: {parameter} as a number", endpoint.Path, Encoding.UTF8.GetBytes($"{{\"{parameter}\":1e999}}"), type);
                foreach (var (name, jwt) in InvalidUtf8Jwts)
                {
                    yield return Request($"json: {name} in {parameter}", endpoint.Path, Encoding.UTF8.GetBytes($"{{\"{parameter}\":\"{jwt}\",\"proofs\":{{\"jwt\":[\"{jwt}\"]}}}}"), type);
                }
            }
            else
            {
                yield return Request($"form: repeated {parameter}", endpoint.Path, Encoding.ASCII.GetBytes($"{parameter}=a&{parameter}=b"), type);
                yield return Request($"form: %FF in {parameter}", endpoint.Path, Encoding.ASCII.GetBytes($"{parameter}=%FF%FE"), type) with { MayBeIgnored = endpoint.ValuesMayBeAccepted };
                yield return Request($"form: raw 0xFF in {parameter}", endpoint.Path, [.. Encoding.ASCII.GetBytes($"{parameter}="), 0xFF], type);
                foreach (var (name, jwt) in InvalidUtf8Jwts)
                {
                    yield return Request($"form: {name} in {parameter}", endpoint.Path, Encoding.ASCII.GetBytes($"{parameter}={jwt}"), type) with { MayBeIgnored = endpoint.ValuesMayBeAccepted };
                }
            }
        }

        if (endpoint.Json)
        {
            yield return Request("json: 0xFF in a member name", endpoint.Path, [.. "{\""u8, 0xFF, .. "\":1}"u8], type);
            yield return Request("json: escaped lone surrogate in a member name", endpoint.Path, "{\"\\ud800\":1}"u8.ToArray(), type);
        }
    }

    private static byte[] Oversized(bool json)
    {
        var body = new byte[OversizedBytes];
        Array.Fill(body, (byte)'a');
        if (json)
        {
            "{\"a\":\""u8.CopyTo(body);
            "\"}"u8.CopyTo(body.AsSpan(body.Length - 2));
        }
        else
        {
            "a="u8.CopyTo(body);
        }

        return body;
    }

    private static KeyValuePair<string, string> H(string name, string value) => new(name, value);

    private static string Jwt(byte[] header, byte[] payload) =>
        $"{Base64Url.EncodeToString(header)}.{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(new byte[64])}";
}
