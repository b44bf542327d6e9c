using Wallet.Issuer.Endpoints;

namespace Wallet.Issuer;

/// <summary>The issuer's HTTP middleware: transport security, security headers, and a body for every error.</summary>
public static class PidIssuerApplicationBuilderExtensions
{
    /// <summary>
    /// Adds HSTS outside Development (RFC 6797; the default one-year max-age, never for loopback hosts), the security
    /// headers on every response (CSP, <c>X-Frame-Options</c>, <c>nosniff</c>, <c>Referrer-Policy</c>), and bodies for
    /// errors the framework answers without one: the HTML error page, OAuth error JSON or RFC 9457 problem details.
    /// Call it after <c>UseExceptionHandler</c> and before <c>MapPidIssuer</c>.
    /// </summary>
    public static IApplicationBuilder UsePidIssuer(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.ApplicationServices.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use((context, next) =>
        {
            // At start, so headers survive the exception handler clearing the response and reach framework-written errors.
            context.Response.OnStarting(() =>
            {
                SecurityHeaders.Apply(context.Response);
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseStatusCodePages(ErrorResponses.WriteAsync);
        return app;
    }
}
