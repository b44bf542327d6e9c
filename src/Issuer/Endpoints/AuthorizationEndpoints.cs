using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Wallet.Issuer.Options;
using Wallet.Issuer.Pid;
using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Endpoints;

/// <summary>The PAR endpoint, the authorization endpoint with the development login page, and its form post.</summary>
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

        routes.MapGet(endpoints.BasePath + "/authorize", async (HttpContext context, AuthorizationHandler handler, IOptions<IssuerOptions> options, IServiceProvider services, CancellationToken cancellationToken) =>
        {
            var (request, problem) = await handler.FindAsync(context.Request.Query["client_id"].SingleOrDefault(), context.Request.Query["request_uri"].SingleOrDefault(), cancellationToken).ConfigureAwait(false);
            if (request is null)
            {
                // Errors before the request is known are shown to the user, never redirected (RFC 6749 Sec. 4.1.2.1).
                return Page(endpoints, "Request not accepted", $"<p>{HtmlEncoder.Default.Encode(problem!)}</p>", StatusCodes.Status400BadRequest);
            }

            if (!options.Value.EnableDevelopmentLogin || services.GetService<IAuthenticSource>() is not SyntheticPersonRegistry registry)
            {
                return Page(endpoints, "Sign-in unavailable", "<p>No user authentication is configured for this issuer.</p>", StatusCodes.Status404NotFound);
            }

            var requestUri = HtmlEncoder.Default.Encode(context.Request.Query["request_uri"].Single()!);
            var body = new StringBuilder("<p><strong>Development sign-in.</strong> Choose a synthetic person; never use this in production.</p><ul>");
            foreach (var person in registry.Persons)
            {
                body.Append("<li><form method=\"post\" action=\"").Append(HtmlEncoder.Default.Encode(endpoints.BasePath + "/authorize/login")).Append("\">")
                    .Append("<input type=\"hidden\" name=\"request_uri\" value=\"").Append(requestUri).Append("\">")
                    .Append("<input type=\"hidden\" name=\"person_id\" value=\"").Append(HtmlEncoder.Default.Encode(person.PersonId)).Append("\">")
                    .Append("<button type=\"submit\">").Append(HtmlEncoder.Default.Encode($"{person.Data.GivenName} {person.Data.FamilyName}")).Append("</button> ")
                    .Append(HtmlEncoder.Default.Encode(person.Description)).Append("</form></li>");
            }

            return Page(endpoints, "Sign in to get your PID", body.Append("</ul>").ToString());
        });

        routes.MapPost(endpoints.BasePath + "/authorize/login", async (HttpContext context, AuthorizationHandler handler, IOptions<IssuerOptions> options, IAuthenticSource source, CancellationToken cancellationToken) =>
        {
            if (!options.Value.EnableDevelopmentLogin || source is not SyntheticPersonRegistry || !context.Request.HasFormContentType)
            {
                return Page(endpoints, "Sign-in unavailable", "<p>No user authentication is configured for this issuer.</p>", StatusCodes.Status404NotFound);
            }

            IFormCollection form;
            try
            {
                form = await context.Request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
            {
                return Page(endpoints, "Request not accepted", "<p>The form is malformed.</p>", StatusCodes.Status400BadRequest);
            }

            var personId = form["person_id"].SingleOrDefault();
            if (personId is null || await source.FindAsync(personId, cancellationToken).ConfigureAwait(false) is null)
            {
                return Page(endpoints, "Request not accepted", "<p>Unknown person.</p>", StatusCodes.Status400BadRequest);
            }

            var (redirect, problem) = await handler.CompleteAsync(form["request_uri"].SingleOrDefault(), personId, cancellationToken).ConfigureAwait(false);
            return redirect is null
                ? Page(endpoints, "Request not accepted", $"<p>{HtmlEncoder.Default.Encode(problem!)}</p>", StatusCodes.Status400BadRequest)
                : Results.Redirect(redirect.AbsoluteUri);
        }).DisableAntiforgery();
    }

    private static IResult Page(IssuerEndpoints endpoints, string title, string body, int status = StatusCodes.Status200OK)
    {
        var html = $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{HtmlEncoder.Default.Encode(title)}</title></head><body><h1>{HtmlEncoder.Default.Encode(title)}</h1>{body}<p><small>{HtmlEncoder.Default.Encode(endpoints.Issuer)}</small></p></body></html>";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
