using Wallet.Verifier;
using Wallet.Verifier.Options;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddVerifier(builder.Configuration.GetSection(VerifierOptions.SectionName));

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapVerifier();
app.Run();

/// <summary>The host's entry point, visible to integration tests.</summary>
public partial class Program;
