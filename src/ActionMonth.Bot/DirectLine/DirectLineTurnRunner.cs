using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Newtonsoft.Json.Linq;

namespace ActionMonth.Bot.DirectLine;

/// <summary>
/// Runs one activity through the host's adapter and bot in process, through the adapter's public entry point
/// (ProcessAsync on an in-memory request), so the turn gets the same error handling, middleware and state as one
/// arriving on /api/messages. The request carries <see cref="DirectLineInProcessCredential"/>,
/// which only this process knows. Returns when the bot has finished the turn, its replies stored by the connector.
/// </summary>
public sealed class DirectLineTurnRunner(IBotFrameworkHttpAdapter adapter, IBot bot, DirectLineInProcessCredential credential,
    IServiceProvider services)
{
    /// <summary>The HTTP status the adapter answered with (200 when the turn ran; 4xx/5xx when it could not).</summary>
    public async Task<int> RunAsync(JObject activity, CancellationToken cancellationToken)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json; charset=utf-8";
        var body = Encoding.UTF8.GetBytes(DirectLineJson.Serialize(activity));
        // Its buffer visible, so the adapter decodes it in place instead of through a StreamReader (ActivityHttpBody).
        context.Request.Body = new MemoryStream(body, 0, body.Length, writable: false, publiclyVisible: true);
        context.Request.Headers.Authorization = credential.Authorization;
        context.Response.Body = Stream.Null;
        context.RequestAborted = cancellationToken;
        await adapter.ProcessAsync(context.Request, context.Response, bot, cancellationToken).ConfigureAwait(false);
        return context.Response.StatusCode;
    }
}
