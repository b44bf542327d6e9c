namespace Wallet.Issuer.Endpoints;

/// <summary>
/// The response headers every issuer answer carries, set in one place when the response starts, so that pages,
/// JSON, error pages and problem details written by the framework all get them.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// No script or style at all; images only as <c>data:</c> (the offer page's QR code); never framed (click-jacking on
    /// the login page); no base URI rewriting. No <c>form-action</c>: the login form's answer redirects to the wallet's
    /// <c>redirect_uri</c>, which browsers check against <c>form-action</c> too and which has any scheme.
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'none'; img-src data:; base-uri 'none'; frame-ancestors 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";

        // Offer and login URLs carry one-time identifiers; no page sends them on as Referer.
        headers["Referrer-Policy"] = "no-referrer";
    }
}
