using Wallet.Verifier.Options;
using Wallet.Verifier.Transactions;

namespace Wallet.Verifier.Endpoints;

/// <summary>Authenticates the relying-party API by the <c>X-Api-Key</c> header.</summary>
internal sealed class ApiKeyFilter(RelyingPartyDirectory directory) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";
    private const string ItemKey = "Wallet.Verifier.RelyingParty";

    public static RelyingPartyOptions RelyingParty(HttpContext context) => (RelyingPartyOptions)context.Items[ItemKey]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var headers = context.HttpContext.Request.Headers[HeaderName];
        var party = headers.Count == 1 ? directory.Authenticate(headers[0]) : null;
        if (party is null)
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: $"A valid API key is required in the {HeaderName} header.");
        }

        context.HttpContext.Items[ItemKey] = party;
        return await next(context).ConfigureAwait(false);
    }
}
