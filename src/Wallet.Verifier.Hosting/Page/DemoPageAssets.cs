using System.Collections.Frozen;

namespace Wallet.Verifier.Page;

/// <summary>The page's script and style sheet, embedded in the assembly (plain files, no build step).</summary>
internal static class DemoPageAssets
{
    private static readonly FrozenDictionary<string, (byte[] Content, string MediaType)> Assets = new[]
    {
        ("app.js", "text/javascript; charset=utf-8"),
        ("live.js", "text/javascript; charset=utf-8"),
        ("age.js", "text/javascript; charset=utf-8"),
        ("counter.js", "text/javascript; charset=utf-8"),
        ("app.css", "text/css; charset=utf-8"),
    }.ToFrozenDictionary(a => a.Item1, a => (Load(a.Item1), a.Item2), StringComparer.Ordinal);

    public static IResult Serve(HttpContext context, string name)
    {
        var (content, mediaType) = Assets[name];
        SecurityHeaders(context.Response);
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Bytes(content, mediaType);
    }

    /// <summary>
    /// Only this origin's script, style and images; no inline script, no framing (click-jacking), no referrer (the page's
    /// URL may carry a response code in its fragment, which browsers never send, but the query is kept to itself too).
    /// </summary>
    public static void SecurityHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }

    private static byte[] Load(string name)
    {
        using var stream = typeof(DemoPageAssets).Assembly.GetManifestResourceStream($"Wallet.Verifier.Page.{name}")
            ?? throw new InvalidOperationException($"The embedded page asset '{name}' is missing from the build.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
