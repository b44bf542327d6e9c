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

app.UseProblemResponses();
app.MapVerifier();
app.Run();
return 0;

/// <summary>The host's entry point, visible to integration tests.</summary>
public partial class Program;
