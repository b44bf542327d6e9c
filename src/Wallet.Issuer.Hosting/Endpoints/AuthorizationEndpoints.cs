using System.Text.Json.Nodes;
using Wallet.Issuer.Authentication;
using Wallet.Issuer.Pages;
using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Endpoints;

/// <summary>The PAR endpoint, the authorization endpoint with user authentication (development login or upstream OpenID Connect) and its completion.</summary>
internal static class AuthorizationEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, IssuerEndpoints endpoints)
    {
        routes.MapPost(endpoints.BasePath + "/par", async (HttpContext context, AuthorizationHandler handler, DpopNonceService nonces, CancellationToken cancellationToken) =>
        {
            var request = await TokenEndpoint.ReadFormRequestAsync(context, cancellationToken).ConfigureAwait(false);
            var (requestUri, expiresIn, error) = await handler.PushAsync(request, cancellationToken).ConfigureAwait(false);
            return error is not null
                ? HttpResults.Error(context, error, nonces)
                : HttpResults.Json(context, new JsonObject { ["request_uri"] = requestUri, ["expires_in"] = expiresIn }, StatusCodes.Status201Created);
        }).DisableAntiforgery();

        routes.MapGet(endpoints.BasePath + "/authorize", async (HttpContext context, AuthorizationHandler handler, IServiceProvider services, CancellationToken cancellationToken) =>
        {
            var query = RequestParameters.FromQuery(context.Request);
            if (query.Repeated is { } repeated)
            {
                return NotAccepted(endpoints, RepeatedProblem(repeated));
            }

            var requestUri = query.Single("request_uri");
            var (request, problem) = await handler.FindAsync(query.Single("client_id"), requestUri, cancellationToken).ConfigureAwait(false);
            if (request is null)
            {
                // Errors before the request is known are shown to the user, never redirected (RFC 6749 Sec. 4.1.2.1).
                return NotAccepted(endpoints, problem!);
            }

            return services.GetService<IUserAuthentication>() is { } authentication
                ? await authentication.BeginAsync(context, requestUri!, cancellationToken).ConfigureAwait(false)
                : Unavailable(endpoints);
        });

        routes.MapPost(endpoints.BasePath + "/authorize/login", async (HttpContext context, IAuthorizationCompletion completion, IServiceProvider services, CancellationToken cancellationToken) =>
        {
            if (services.GetService<IUserAuthentication>() is not DevelopmentLogin login)
            {
                return Unavailable(endpoints);
            }

            var form = await RequestParameters.ReadFormAsync(context.Request, cancellationToken).ConfigureAwait(false);
            if (form is null)
            {
                return NotAccepted(endpoints, "The sign-in must be posted as a form.");
            }

            if (!await login.IsGenuineFormAsync(context).ConfigureAwait(false))
            {
                // A cross-site post, or a form from an earlier visit: the browser must start from the login page.
                return NotAccepted(endpoints, "The sign-in form did not come from this issuer's login page or has expired. Start again from your wallet.");
            }

            if (form.Repeated is { } repeated)
            {
                return NotAccepted(endpoints, RepeatedProblem(repeated));
            }

            var personId = form.Single("person_id");
            var user = personId is null ? null : await login.AuthenticateAsync(personId, cancellationToken).ConfigureAwait(false);
            if (user is null)
            {
                return NotAccepted(endpoints, "Unknown person.");
            }

            return (await completion.CompleteAsync(form.Single("request_uri"), user, cancellationToken).ConfigureAwait(false)).ToHttpResult();
        }).DisableAntiforgery();

        routes.MapGet(endpoints.BasePath + UpstreamOpenIdConnectLogin.CompletePath, async (HttpContext context, IAuthorizationCompletion completion, IServiceProvider services, CancellationToken cancellationToken) =>
        {
            if (services.GetService<IUserAuthentication>() is not UpstreamOpenIdConnectLogin upstream)
            {
                return Unavailable(endpoints);
            }

            var (user, requestUri, problem) = await upstream.CompleteAsync(context).ConfigureAwait(false);
            return user is null
                ? NotAccepted(endpoints, problem!)
                : (await completion.CompleteAsync(requestUri, user, cancellationToken).ConfigureAwait(false)).ToHttpResult();
        });
    }

    private static IResult NotAccepted(IssuerEndpoints endpoints, string problem) =>
        HtmlPage.Error(endpoints.Issuer, t => t.NotAcceptedTitle, t => t.NotAcceptedLead, problem, StatusCodes.Status400BadRequest);

    private static string RepeatedProblem(string parameter) =>
        $"The parameter '{parameter}' is repeated; request parameters must not be included more than once (RFC 6749 Sec. 3.1).";

    private static IResult Unavailable(IssuerEndpoints endpoints) =>
        HtmlPage.Render(endpoints.Issuer, t => t.SignInUnavailableTitle, t => HtmlPage.Paragraph(t.NoUserAuthentication), StatusCodes.Status404NotFound);
}
