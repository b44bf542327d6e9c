using Microsoft.AspNetCore.Http;
using Wallet.Core.Http;

namespace Wallet.Hosting;

/// <summary>How the Issuer and the Verifier read a request body: through <see cref="BoundedBody"/>, with one policy.</summary>
public static class HttpRequestBodyExtensions
{
    /// <summary>
    /// Reads the body of <paramref name="request"/>, or stops once it is longer than <paramref name="maxBytes"/>
    /// (announced by <c>Content-Length</c> or counted, whichever comes first). An oversized body is a result the endpoint
    /// answers (413, <c>invalid_request</c>), never an exception and so never a 500.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="maxBytes">The most bytes the endpoint accepts; a body of exactly this length is accepted.</param>
    /// <param name="cancellationToken">Cancels the read (the request's abort token, as a rule).</param>
    /// <returns>The body, or a result that <see cref="BoundedBody.IsTooLarge"/>.</returns>
    public static ValueTask<BoundedBody> ReadBoundedBodyAsync(this HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return BoundedBody.ReadAsync(request.Body, request.ContentLength, maxBytes, cancellationToken);
    }
}
