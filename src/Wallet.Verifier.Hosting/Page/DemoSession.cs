using Wallet.Core.Security;
using Wallet.Hosting;

namespace Wallet.Verifier.Page;

/// <summary>
/// The browser session of the relying-party page: a random secret in an HttpOnly, SameSite=Lax cookie. The page's
/// transactions are owned by <c>{page relying party}/{SHA-256 of the secret}</c>, so a transaction is readable only by
/// the browser that created it, and never by an API relying party (whose ids cannot contain '/').
/// </summary>
internal static class DemoSession
{
    public const string SecureCookieName = "__Host-verifier-rp";
    public const string PlainCookieName = "verifier-rp";
    private const int SecretBytes = 32;

    /// <summary>The owner id for the session of this request, or null when the browser has no (well-formed) session cookie.</summary>
    public static string? Owner(HttpContext context, string relyingPartyId, bool secure)
    {
        var secret = context.Request.Cookies[CookieName(secure)];
        return secret is { Length: 43 } && System.Buffers.Text.Base64Url.IsValid(secret)
            ? $"{relyingPartyId}/{System.Buffers.Text.Base64Url.EncodeToString(SecretHash.Bytes(secret))}"
            : null;
    }

    /// <summary>Starts a session when the browser has none.</summary>
    public static void Ensure(HttpContext context, string relyingPartyId, bool secure)
    {
        if (Owner(context, relyingPartyId, secure) is not null)
        {
            return;
        }

        context.Response.Cookies.Append(CookieName(secure), RandomHandle.Create(SecretBytes), new CookieOptions
        {
            HttpOnly = true,
            Secure = secure,
            // Lax, not Strict: the wallet's same-device redirect back to the page is a cross-site navigation, and the
            // session must survive it; state-changing requests are JSON POSTs, which Lax does not send cross-site.
            SameSite = SameSiteMode.Lax,
            Path = "/",
            IsEssential = true,
        });
    }

    // secure: the public base URL is https (possibly behind a TLS-terminating proxy, so not read from the request). The
    // __Host- prefix makes browsers refuse the cookie unless it is Secure, host-only and for path '/'; over plain http
    // (loopback development only) the unprefixed name is used.
    private static string CookieName(bool secure) => secure ? SecureCookieName : PlainCookieName;
}
