using Wallet.Issuer;
using Wallet.Issuer.Options;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddPidIssuer(options => builder.Configuration.GetSection(IssuerOptions.SectionName).Bind(options));

var app = builder.Build();
app.UseExceptionHandler();
app.UsePidIssuer();
app.MapPidIssuer();
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
app.Run();

/// <summary>The ready-to-run host; public so that tests can start it with WebApplicationFactory.</summary>
public partial class Program;
