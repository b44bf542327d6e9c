using Wallet.Hosting;
using Wallet.Verifier;
using Wallet.Verifier.Options;

var builder = WebApplication.CreateBuilder(ServiceHost.Options(args));
builder.Services.AddVerifier(builder.Configuration.GetSection(VerifierOptions.SectionName));

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
app.Run();
return 0;

/// <summary>The host's entry point, visible to integration tests.</summary>
public partial class Program;
