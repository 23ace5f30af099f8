// The host. Wiring lives in extension methods next to what they wire (Hosting/*), so this stays a table of contents.
using ActionMonth.Bot.Cli;
using ActionMonth.Bot.Endpoints;
using ActionMonth.Bot.Hosting;

var cli = CliCommand.Parse(args);
var builder = WebApplication.CreateBuilder(HostArguments.WithConfigurationReadOnce(cli.HostArgs));
if (cli.Verb is not null) builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace); // verbs print on stdout
builder.Services.AddKnowledge(builder.Configuration);
builder.Services.AddDisclosureDetection();
builder.Services.AddBotCore(builder.Configuration);
builder.Services.AddEscalation(builder.Configuration);
builder.Services.AddTelegram(builder.Configuration);
builder.Services.AddWebChat(builder.Configuration); // after the bot and escalation: it wraps their authentication and safety gate
builder.Services.AddObservability(builder.Configuration); // last: it wraps the bot, the gate, search, storage and the outbox
builder.Services.AddHardening(builder.Configuration);
var app = builder.Build();
app.UseHardening(); // first: headers on every answer, body limits and rate limits before any endpoint
app.UseObservability();
app.MapHealthEndpoints();
app.MapSearchEndpoints();
app.MapBotEndpoints();
app.MapCaseEndpoints();
app.MapTelegramEndpoints();
app.MapWebChat();
if (cli.Verb is not null) return await app.RunVerbAsync(cli);
app.Run();
return 0;

/// <summary>Entry point type, public so WebApplicationFactory can find it.</summary>
public partial class Program;
