using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace ActionMonth.Bot.Escalation.Channels;

/// <summary>
/// The hotline's case system ("webhook"): POST {Escalation:WebhookUrl} with the JSON of <see cref="WebhookPayload"/>,
/// <c>Idempotency-Key</c> (the case id for the case's opening, the notification id, "caseId:…", for every later
/// notification) and the HMAC signature. Anything but a 2xx answer within Escalation:WebhookTimeoutSeconds throws,
/// and the outbox tries again later. Every kind is sent; what the user wrote only when Escalation:IncludeTextInWebhook
/// is true (otherwise a user message is a text-less sign that the user is still writing: ids and times).
/// </summary>
public sealed class WebhookNotificationChannel(IHttpClientFactory httpClients, IOptionsMonitor<EscalationOptions> options)
    : IEscalationNotificationChannel
{
    public const string ChannelName = "webhook";
    public const string HttpClientName = "escalation-webhook";
    public const string IdempotencyHeader = "Idempotency-Key";

    public string Name => ChannelName;

    public bool IsConfigured => options.CurrentValue.WebhookConfigured;

    public bool Accepts(NotificationKind kind) => true;

    public async Task DeliverAsync(EscalationNotification notification, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var body = WebhookPayload.From(notification, settings.IncludeTextInWebhook).ToUtf8Json();
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(IdempotencyHeader, notification.NotificationId);
        request.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, WebhookSignature.Sign(body, settings.WebhookSecret));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, settings.WebhookTimeoutSeconds)));
        HttpResponseMessage response;
        try
        {
            var client = httpClients.CreateClient(HttpClientName);
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NotificationDeliveryException("timeout");
        }
        catch (HttpRequestException ex)
        {
            throw new NotificationDeliveryException($"connection ({ex.HttpRequestError})");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new NotificationDeliveryException($"HTTP {(int)response.StatusCode}", (int)response.StatusCode);
        }
    }
}
