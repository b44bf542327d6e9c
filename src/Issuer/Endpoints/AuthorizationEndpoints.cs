using System.Text.Json.Nodes;
using Wallet.Issuer.Authentication;
using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Endpoints;

/// <summary>The PAR endpoint, the authorization endpoint with user authentication (development login or upstream OpenID Connect) and its completion.</summary>
internal static class AuthorizationEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, IssuerEndpoints endpoints)
    {
        routes.MapPost(endpoints.BasePath + "/par", async (HttpContext context, AuthorizationHandler handler, DpopNonceService nonces, CancellationToken cancellationToken) =>
        {
            var request = await TokenEndpoints.ReadFormRequestAsync(context, cancellationToken).ConfigureAwait(false);
            var (requestUri, expiresIn, error) = await handler.PushAsync(request, cancellationToken).ConfigureAwait(false);
            return error is not null
                ? HttpResults.Error(context, error, nonces)
                : HttpResults.Json(context, new JsonObject { ["request_uri"] = requestUri, ["expires_in"] = expiresIn }, StatusCodes.Status201Created);
        }).DisableAntiforgery();

        routes.MapGet(endpoints.BasePath + "/authorize", async (HttpContext context, AuthorizationHandler handler, IServiceProvider services, CancellationToken cancellationToken) =>
        {
            var (request, problem) = await handler.FindAsync(context.Request.Query["client_id"].SingleOrDefault(), context.Request.Query["request_uri"].SingleOrDefault(), cancellationToken).ConfigureAwait(false);
            if (request is null)
            {
                // Errors before the request is known are shown to the user, never redirected (RFC 6749 Sec. 4.1.2.1).
                return HtmlPage.Render(endpoints.Issuer, "Request not accepted", HtmlPage.Paragraph(problem!), StatusCodes.Status400BadRequest);
            }

            return services.GetService<IUserAuthentication>() is { } authentication
                ? await authentication.BeginAsync(context, context.Request.Query["request_uri"].Single()!, cancellationToken).ConfigureAwait(false)
                : Unavailable(endpoints);
        });

        routes.MapPost(endpoints.BasePath + "/authorize/login", async (HttpContext context, AuthorizationHandler handler, IServiceProvider services, CancellationToken cancellationToken) =>
        {
            if (services.GetService<IUserAuthentication>() is not DevelopmentLogin login || !context.Request.HasFormContentType)
            {
                return Unavailable(endpoints);
            }

            IFormCollection form;
            try
            {
                form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
            {
                return HtmlPage.Render(endpoints.Issuer, "Request not accepted", HtmlPage.Paragraph("The form is malformed."), StatusCodes.Status400BadRequest);
            }

            var personId = form["person_id"].SingleOrDefault();
            var user = personId is null ? null : await login.AuthenticateAsync(personId, cancellationToken).ConfigureAwait(false);
            if (user is null)
            {
                return HtmlPage.Render(endpoints.Issuer, "Request not accepted", HtmlPage.Paragraph("Unknown person."), StatusCodes.Status400BadRequest);
            }

            return await CompleteAsync(handler, form["request_uri"].SingleOrDefault(), user, cancellationToken).ConfigureAwait(false);
        }).DisableAntiforgery();

        routes.MapGet(endpoints.BasePath + UpstreamOpenIdConnectLogin.CompletePath, async (HttpContext context, AuthorizationHandler handler, IServiceProvider services, CancellationToken cancellationToken) =>
        {
            if (services.GetService<IUserAuthentication>() is not UpstreamOpenIdConnectLogin upstream)
            {
                return Unavailable(endpoints);
            }

            var (user, requestUri, problem) = await upstream.CompleteAsync(context).ConfigureAwait(false);
            return user is null
                ? HtmlPage.Render(endpoints.Issuer, "Request not accepted", HtmlPage.Paragraph(problem!), StatusCodes.Status400BadRequest)
                : await CompleteAsync(handler, requestUri, user, cancellationToken).ConfigureAwait(false);
        });

        async Task<IResult> CompleteAsync(AuthorizationHandler handler, string? requestUri, AuthenticatedUser user, CancellationToken cancellationToken)
        {
            var (redirect, problem) = await handler.CompleteAsync(requestUri, user, cancellationToken).ConfigureAwait(false);
            return redirect is null
                ? HtmlPage.Render(endpoints.Issuer, "Request not accepted", HtmlPage.Paragraph(problem!), StatusCodes.Status400BadRequest)
                : Results.Redirect(redirect.AbsoluteUri);
        }
    }

    private static IResult Unavailable(IssuerEndpoints endpoints) =>
        HtmlPage.Render(endpoints.Issuer, "Sign-in unavailable", HtmlPage.Paragraph("No user authentication is configured for this issuer."), StatusCodes.Status404NotFound);
}
