var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

// The OpenID4VP endpoints arrive with the Verifier issue; until then the host only reports that it is alive.
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));

app.Run();
