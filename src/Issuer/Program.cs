using Wallet.Hosting;
using Wallet.Issuer;
using Wallet.Issuer.Options;

var builder = WebApplication.CreateBuilder(ServiceHost.Options(args));
builder.Services.AddPidIssuer(options => builder.Configuration.GetSection(IssuerOptions.SectionName).Bind(options));

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
app.Run();
return 0;

/// <summary>The ready-to-run host; public so that tests can start it with WebApplicationFactory.</summary>
public partial class Program;
