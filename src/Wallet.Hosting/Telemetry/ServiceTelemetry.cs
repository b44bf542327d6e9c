using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Wallet.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry for the Issuer and the Verifier (<c>specs/operations.md</c>, "Telemetry"): traces and metrics of
/// ASP.NET Core, of the outgoing HTTP calls and of the runtime, plus the services' own meters, exported over OTLP as
/// the standard <c>OTEL_*</c> variables say. What leaves the process names routes, never a request's values: a span's
/// path is its route template and its query string is dropped, because identifiers in paths (offers, request objects)
/// and values in queries (codes, request URIs) are capabilities.
/// </summary>
public static class ServiceTelemetry
{
    /// <summary>The configuration section: <c>Telemetry:Enabled</c> and <c>Telemetry:Prometheus</c>.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>The meter of the Issuer's own instruments (credentials issued, failures, token errors, status-list updates, durations).</summary>
    public const string IssuerMeterName = "Wallet.Issuer";

    /// <summary>The meter of the Verifier's own instruments (presentations requested, verified, rejected, validation durations).</summary>
    public const string VerifierMeterName = "Wallet.Verifier";

    /// <summary>
    /// Whether the OTLP export is on: <c>Telemetry:Enabled</c> when set, otherwise whether <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
    /// names a collector. Off by default, so a host without a collector sends nothing anywhere.
    /// </summary>
    public static bool IsOtlpEnabled(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(SectionName).GetValue<bool?>("Enabled")
            ?? !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
    }

    /// <summary>Whether the Prometheus scrape endpoint (<c>/metrics</c>) is on: <c>Telemetry:Prometheus</c>, off by default.</summary>
    public static bool IsPrometheusEnabled(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(SectionName).GetValue<bool>("Prometheus");
    }

    /// <summary>
    /// Registers tracing and metrics for <paramref name="serviceName"/> with the instrumentation and <paramref name="meterNames"/>;
    /// with <paramref name="exportOtlp"/> the OTLP exporters (configured by <c>OTEL_EXPORTER_OTLP_*</c>) for traces, metrics and
    /// logs. Returns the builder, for a host to add another exporter (Prometheus) or a test an in-memory one.
    /// </summary>
    public static OpenTelemetryBuilder AddServiceTelemetry(this IServiceCollection services, string serviceName, bool exportOtlp, params string[] meterNames)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        ArgumentNullException.ThrowIfNull(meterNames);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(meterNames)
                    .AddAspNetCoreInstrumentation(o =>
                    {
                        o.Filter = context => !IsScrapeOrProbe(context.Request.Path);
                        o.EnrichWithHttpResponse = (activity, response) => RedactServerSpan(activity, response.HttpContext);
                        o.EnrichWithException = (activity, _) => activity.SetTag("exception.message", null);
                    })
                    .AddHttpClientInstrumentation(o =>
                    {
                        o.EnrichWithHttpRequestMessage = (activity, request) => RedactClientSpan(activity, request.RequestUri);
                        o.EnrichWithException = (activity, _) => activity.SetTag("exception.message", null);
                    });
                if (exportOtlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(meterNames)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (exportOtlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (exportOtlp)
        {
            telemetry.WithLogging(logging => logging.AddOtlpExporter());
        }

        return telemetry;
    }

    private static bool IsScrapeOrProbe(PathString path) =>
        path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

    // The route template instead of the path: /credential-offers/{id}, not the offer's id. No route (a 404): no path.
    private static void RedactServerSpan(Activity activity, HttpContext context)
    {
        var template = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        activity.SetTag("url.path", template is null ? null : "/" + template.TrimStart('/'));
        activity.SetTag("url.query", null);
    }

    private static void RedactClientSpan(Activity activity, Uri? uri)
    {
        activity.SetTag("url.full", uri is { IsAbsoluteUri: true } ? uri.GetLeftPart(UriPartial.Path) : null);
        activity.SetTag("url.query", null);
    }
}
