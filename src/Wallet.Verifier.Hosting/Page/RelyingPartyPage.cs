using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Wallet.Hosting.Pages;

namespace Wallet.Verifier.Page;

/// <summary>
/// The relying-party page's HTML in the language of the request (<see cref="PageLocalization"/>). The script's texts
/// travel in a <c>type="application/json"</c> block: data, not script, so the page keeps <c>script-src 'self'</c>.
/// </summary>
internal static class RelyingPartyPage
{
    private static readonly JsonSerializerOptions ScriptJson = new(JsonSerializerDefaults.Web);

    public static IResult Serve(HttpContext context)
    {
        var language = PageLocalization.LanguageOf(context);
        var html = Render(RelyingPartyPageText.Text.In(language), language.Code, PageLocalization.LanguageSwitchHtml(context));
        DemoPageAssets.SecurityHeaders(context.Response);
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>The script's texts as JSON; the default encoder escapes <c>&lt;</c>, so no text can close the block.</summary>
    public static string ScriptTextJson(RelyingPartyScriptText text) => JsonSerializer.Serialize(text, ScriptJson);

    private static string E(string text) => HtmlEncoder.Default.Encode(text);

    private static string Render(RelyingPartyPageText t, string lang, string languageSwitch) => $$"""
        <!doctype html>
        <html lang="{{lang}}">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{{E(t.Title)}}</title>
          <link rel="stylesheet" href="/rp/app.css">
          <script type="application/json" id="page-text">{{ScriptTextJson(t.Script)}}</script>
          <script src="/rp/live.js" defer></script>
          <script src="/rp/app.js" defer></script>
        </head>
        <body>
          <header>{{languageSwitch}}</header>
          <main>
            <h1>{{E(t.Heading)}}</h1>
            <p>{{E(t.Intro)}}</p>
            <p><a href="/rp/age">{{E(t.AgeGateLink)}}</a></p>

            <form id="choice">
              <fieldset>
                <legend>{{E(t.WhatToAsk)}}</legend>
                <label><input type="radio" name="preset" value="pid_basics" checked> {{E(t.PresetPidBasics)}}</label>
                <label><input type="radio" name="preset" value="age_from_birth_date"> {{E(t.PresetAge)}}</label>
                <p class="hint" id="age-hint">{{t.AgeHintHtml}}</p>
                <label><input type="radio" name="preset" value="address"> {{E(t.PresetAddress)}}</label>
                <label><input type="radio" name="preset" value="nationality"> {{E(t.PresetNationality)}}</label>
              </fieldset>
              <fieldset>
                <legend>{{E(t.Format)}}</legend>
                <label><input type="checkbox" name="format" value="dc+sd-jwt" checked> SD-JWT VC (<code>urn:eudi:pid:1</code>)</label>
                <label><input type="checkbox" name="format" value="mso_mdoc"> mdoc (<code>eu.europa.ec.eudi.pid.1</code>)</label>
                <p class="hint">{{E(t.BothFormats)}}</p>
              </fieldset>
              <details>
                <summary>{{E(t.ProtocolOptions)}}</summary>
                <p>
                  <label for="response_mode">{{E(t.ResponseMode)}}</label>
                  <select id="response_mode">
                    <option value="direct_post.jwt" selected>{{E(t.ResponseModeEncrypted)}}</option>
                    <option value="direct_post">{{E(t.ResponseModePlain)}}</option>
                  </select>
                </p>
                <p>
                  <label for="request_uri_method">{{E(t.RequestUriMethod)}}</label>
                  <select id="request_uri_method">
                    <option value="get" selected>get</option>
                    <option value="post">post (wallet_nonce, wallet_metadata)</option>
                  </select>
                </p>
                <p>
                  <label for="client_id_prefix">{{E(t.ClientIdPrefix)}}</label>
                  <select id="client_id_prefix">
                    <option value="" selected>{{E(t.ClientIdPrefixDefault)}}</option>
                    <option value="x509_hash">{{E(t.ClientIdPrefixHash)}}</option>
                    <option value="x509_san_dns">{{E(t.ClientIdPrefixDns)}}</option>
                  </select>
                </p>
                <label><input type="checkbox" id="same_device"> {{E(t.SameDevice)}}</label>
              </details>
              <p><button type="submit">{{E(t.Create)}}</button></p>
              <p id="form-error" class="error" role="alert"></p>
            </form>

            <section id="request" hidden aria-labelledby="request-heading">
              <h2 id="request-heading">{{E(t.Request)}}</h2>
              <figure>
                <img id="qr" width="288" height="288" alt="{{E(t.QrAlt)}}">
                <figcaption>{{E(t.QrCaption)}}</figcaption>
              </figure>
              <p><a id="link" href="#request">{{E(t.OpenLink)}}</a></p>
              <p>{{E(t.ExpiresAt)}} <time id="expires"></time>.</p>
              <details>
                <summary>{{E(t.RequestDetails)}}</summary>
                <p>{{E(t.RequestUri)}}</p>
                <pre id="uri"></pre>
                <p>{{E(t.DcqlQuery)}}</p>
                <pre id="dcql"></pre>
              </details>
            </section>

            <section id="result" hidden aria-labelledby="result-heading">
              <h2 id="result-heading">{{E(t.Result)}}</h2>
              <p id="status" role="status" aria-live="polite"></p>
              <div id="claims"></div>
              <div id="checks-block" hidden>
                <h3>{{E(t.ChecksPassed)}}</h3>
                <ol id="checks"></ol>
              </div>
              <div id="errors-block" hidden>
                <h3>{{E(t.FailedChecks)}}</h3>
                <ul id="errors"></ul>
              </div>
              <details>
                <summary>{{E(t.EventLog)}}</summary>
                <ol id="events"></ol>
              </details>
            </section>
          </main>
        </body>
        </html>
        """;
}
