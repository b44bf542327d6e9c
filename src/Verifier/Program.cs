using OpenTelemetry.Metrics;
using Wallet.Hosting;
using Wallet.Hosting.Telemetry;
using Wallet.Verifier;
using Wallet.Verifier.Options;

var builder = WebApplication.CreateBuilder(ServiceHost.Options(args));
builder.Services.AddVerifier(builder.Configuration.GetSection(VerifierOptions.SectionName));

// OpenTelemetry (specs/operations.md, "Telemetry"): OTLP when OTEL_EXPORTER_OTLP_ENDPOINT (or Telemetry:Enabled) says so,
// the Prometheus scrape endpoint /metrics when Telemetry:Prometheus does; otherwise nothing is collected.
var otlp = ServiceTelemetry.IsOtlpEnabled(builder.Configuration);
var prometheus = ServiceTelemetry.IsPrometheusEnabled(builder.Configuration);
if (otlp || prometheus)
{
    var telemetry = builder.Services.AddServiceTelemetry(builder.Configuration["OTEL_SERVICE_NAME"] ?? "wallet-verifier", otlp, ServiceTelemetry.VerifierMeterName);
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

if (!app.Environment.IsDevelopment())
{
    // RFC 6797: browsers keep to https for this host; UseHsts never sends it for loopback hosts or over http.
    app.UseHsts();
}

app.UseProblemResponses();
app.MapVerifier();
if (prometheus)
{
    app.MapPrometheusScrapingEndpoint();
}

app.Run();
return 0;

/// <summary>The host's entry point, visible to integration tests.</summary>
public partial class Program;
