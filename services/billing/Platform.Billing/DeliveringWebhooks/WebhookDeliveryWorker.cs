using System.Net.Http.Headers;
using System.Text;
using Marten;
using Platform.Billing.Webhooks;
using Platform.Infrastructure.Observability;
using Platform.Contracts.Billing;

namespace Platform.Billing.DeliveringWebhooks;

/// <summary>
/// The delivery loop of every billing replica: claims due deliveries, POSTs them signed, and records the outcome with
/// the next attempt time of the retry schedule. Everything it needs is in PostgreSQL, so it resumes after a restart;
/// claims are exclusive, so replicas do not send the same attempt twice.
/// </summary>
public sealed class WebhookDeliveryWorker(
    WebhookDeliveries deliveries, IDocumentStore store, WebhookSecrets secrets, IHttpClientFactory httpClients, WebhookOptions options,
    TimeProvider clock, ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await DeliverDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Delivering webhooks failed; will retry");
            }
            if (sent == 0)
                await Task.Delay(options.PollInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>One round: claim a batch of due deliveries and attempt each; returns how many were claimed.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var claimed = await deliveries.ClaimDueAsync(clock.GetUtcNow(), options.ClaimLease, options.BatchSize, cancellationToken);
        if (claimed.Count == 0)
            return 0;
        await using var session = store.QuerySession();
        var subscriptions = (await session.LoadManyAsync<WebhookSubscription>(cancellationToken, claimed.Select(d => d.SubscriptionId).Distinct()))
            .ToDictionary(s => s.Id);
        await Task.WhenAll(claimed.Select(d => AttemptAsync(d, subscriptions.GetValueOrDefault(d.SubscriptionId), cancellationToken)));
        return claimed.Count;
    }

    async Task AttemptAsync(ClaimedDelivery delivery, WebhookSubscription? subscription, CancellationToken cancellationToken)
    {
        if (subscription is not { IsActive: true })
        {
            await deliveries.CancelAsync(delivery, clock.GetUtcNow(), cancellationToken);
            return;
        }
        var result = await PostAsync(delivery, subscription, cancellationToken);
        var outcome = DeliverySchedule.After(delivery.Attempts, result, options.RetrySchedule, clock.GetUtcNow());
        var recorded = await deliveries.RecordAsync(delivery, outcome, cancellationToken);
        if (outcome.Status == WebhookDeliveryStatuses.Delivered)
            logger.LogInformation("Webhook {DeliveryId} ({EventType}, workspace {WorkspaceId}) delivered to subscription {SubscriptionId} on attempt {Attempt}",
                delivery.Id, delivery.EventType, delivery.WorkspaceId, subscription.Id, outcome.Attempts);
        else
            logger.LogWarning("Webhook {DeliveryId} ({EventType}) to subscription {SubscriptionId} attempt {Attempt} failed: {Error}; {Status}, next attempt {NextAttemptAt}",
                delivery.Id, delivery.EventType, subscription.Id, outcome.Attempts, outcome.Error, outcome.Status, outcome.NextAttemptAt);
        if (!recorded)
            logger.LogInformation("Webhook {DeliveryId}: the claim ended before the outcome was recorded (cancelled or lease over)", delivery.Id);
    }

    async Task<AttemptResult> PostAsync(ClaimedDelivery delivery, WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        var webhookId = delivery.Id.ToString();
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        var signature = WebhookSignature.Sign(secrets.Unprotect(subscription.Id, subscription.ProtectedSecret), webhookId, timestamp, delivery.Payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, webhookId);
        request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, signature);
        request.Headers.UserAgent.ParseAdd("Platform-Webhooks/1.0");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            // Receivers are third parties: no span records their URL (it may carry their secret), no trace headers reach them.
            using var response = await httpClients.CreateClient(HttpClientName).SendUntracedAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return status is >= 300 and <= 399
                ? new AttemptResult(status, $"The endpoint answered {status} (a redirect); redirects are not followed.")
                : new AttemptResult(status, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptResult(null, $"The endpoint did not answer within {options.RequestTimeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex) when (ex.InnerException is WebhookTargetNotAllowed)
        {
            // Nothing was connected: the host resolves to an internal address (changed since creation, or DNS rebinding).
            return new AttemptResult(null, "The endpoint's host resolves to a private, loopback or link-local address; webhooks are sent only to public addresses.");
        }
        catch (HttpRequestException ex)
        {
            return new AttemptResult(null, $"The endpoint could not be reached ({ex.HttpRequestError}).");
        }
    }
}
