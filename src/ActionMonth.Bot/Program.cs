// The host. Wiring lives in extension methods next to what they wire (Hosting/*), so this stays a table of contents.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/healthz", () => Results.Ok("ok"));
app.Run();

/// <summary>Entry point type, public so WebApplicationFactory can find it.</summary>
public partial class Program;
