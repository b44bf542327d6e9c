using Wallet.Verifier;
using Wallet.Verifier.Options;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddVerifier(builder.Configuration.GetSection(VerifierOptions.SectionName));

var app = builder.Build();
if (!app.Environment.IsDevelopment())
{
    // RFC 6797: browsers keep to https for this host; UseHsts never sends it for loopback hosts or over http.
    app.UseHsts();
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapVerifier();
app.Run();

/// <summary>The host's entry point, visible to integration tests.</summary>
public partial class Program;
