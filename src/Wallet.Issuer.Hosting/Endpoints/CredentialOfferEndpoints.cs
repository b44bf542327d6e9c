using Wallet.Issuer.Pages;
using Wallet.Issuer.Protocol;

namespace Wallet.Issuer.Endpoints;

/// <summary>Credential Offers served by reference (OpenID4VCI 1.0 §4.1.3) and the page that shows one as a QR code.</summary>
internal static class CredentialOfferEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, IssuerEndpoints endpoints)
    {
        routes.MapGet(endpoints.BasePath + "/credential-offers/{id}", async (string id, HttpContext context, OfferService offers, CancellationToken cancellationToken) =>
        {
            var offer = await offers.FindOpenAsync(id, cancellationToken).ConfigureAwait(false);
            HttpResults.NoStore(context);
            return offer is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No open credential offer has this id: it was used, has expired or never existed.")
                : Results.Text(offer.ToJson(), "application/json");
        });

        routes.MapGet(endpoints.BasePath + "/offers/{id}", async (string id, HttpContext context, OfferService offers, CancellationToken cancellationToken) =>
        {
            var open = await offers.FindOpenRecordAsync(id, cancellationToken).ConfigureAwait(false);
            HttpResults.NoStore(context);
            return open is null
                ? HtmlPage.Render(endpoints.Issuer, t => t.OfferUnavailableTitle, t => HtmlPage.Paragraph(t.OfferUnavailable), StatusCodes.Status404NotFound)
                : OfferPage.Render(endpoints.Issuer, offers.LinkFor(open.OfferId), open.ExpiresAt);
        });
    }
}
