// The host. Wiring lives in extension methods next to what they wire (Hosting/*), so this stays a table of contents.
using ActionMonth.Bot.Endpoints;
using ActionMonth.Bot.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddBotCore(builder.Configuration);
var app = builder.Build();
app.MapGet("/healthz", () => Results.Ok("ok"));
app.MapBotEndpoints();
app.Run();

/// <summary>Entry point type, public so WebApplicationFactory can find it.</summary>
public partial class Program;
