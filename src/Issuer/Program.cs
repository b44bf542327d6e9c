using OpenTelemetry.Metrics;
using Wallet.Hosting;
using Wallet.Hosting.Telemetry;
using Wallet.Issuer;
using Wallet.Issuer.Options;

var builder = WebApplication.CreateBuilder(ServiceHost.Options(args));
builder.Services.AddPidIssuer(options => builder.Configuration.GetSection(IssuerOptions.SectionName).Bind(options));

// OpenTelemetry (specs/operations.md, "Telemetry"): OTLP when OTEL_EXPORTER_OTLP_ENDPOINT (or Telemetry:Enabled) says so,
// the Prometheus scrape endpoint /metrics when Telemetry:Prometheus does; otherwise nothing is collected.
var otlp = ServiceTelemetry.IsOtlpEnabled(builder.Configuration);
var prometheus = ServiceTelemetry.IsPrometheusEnabled(builder.Configuration);
if (otlp || prometheus)
{
    var telemetry = builder.Services.AddServiceTelemetry(builder.Configuration["OTEL_SERVICE_NAME"] ?? "wallet-issuer", otlp, ServiceTelemetry.IssuerMeterName);
    if (prometheus)
    {
        telemetry.WithMetrics(metrics => metrics.AddPrometheusExporter());
    }
}

var app = builder.Build();
if (!ServiceHost.TryValidateConfiguration(app.Services, typeof(Program).Assembly, Console.Error))
{
    return ServiceHost.ConfigurationErrorExitCode;
}

app.UseExceptionHandler();
// Security headers, HSTS outside Development and the Issuer's own error bodies for empty status codes.
app.UsePidIssuer();
app.MapPidIssuer();
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
if (prometheus)
{
    app.MapPrometheusScrapingEndpoint();
}

app.Run();
return 0;

/// <summary>The ready-to-run host; public so that tests can start it with WebApplicationFactory.</summary>
public partial class Program;
