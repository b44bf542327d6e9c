using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Wallet.Core.OAuth;

namespace Wallet.Hosting.RateLimiting;

/// <summary>
/// Answers 429 with <c>Retry-After</c> once the endpoint's limit for the caller is used up, in the endpoint's own error
/// shape: the OAuth error JSON (<c>temporarily_unavailable</c>, RFC 6749 §4.1.2.1: "temporary overloading") at protocol
/// endpoints, RFC 9457 problem details at the APIs.
/// </summary>
/// <param name="service">The key under which the service registered its <see cref="EndpointRateLimiter"/>.</param>
/// <param name="endpoint">The endpoint's name, its own partition.</param>
/// <param name="oauthError">True for the OAuth error JSON, false for problem details.</param>
/// <param name="apiKey">The caller's API key identity (a key name or relying-party id), or null to count per client IP address.</param>
internal sealed class RateLimitFilter(string service, string endpoint, bool oauthError, Func<HttpContext, string?>? apiKey = null) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var limiter = http.RequestServices.GetRequiredKeyedService<EndpointRateLimiter>(service);

        // A request without a valid key counts against its address; the endpoint then refuses it as unauthenticated.
        var key = apiKey?.Invoke(http);
        var retryAfter = limiter.TryAcquire(endpoint, key ?? "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), key is not null);
        if (retryAfter is not { } wait)
        {
            return await next(context).ConfigureAwait(false);
        }

        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        const string Description = "Too many requests; try again after the time in Retry-After.";
        return oauthError
            ? ProtocolErrorResponse.ToResult(http, ProtocolError.Create(OAuthErrors.TemporarilyUnavailable, Description), httpStatus: StatusCodes.Status429TooManyRequests)
            : Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: Description);
    }
}
