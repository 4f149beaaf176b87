using Platform.Contracts.Billing;

namespace Platform.Billing.DeliveringWebhooks;

/// <summary>What one attempt got: the HTTP status when the endpoint answered, or why it could not be reached.</summary>
public sealed record AttemptResult(int? StatusCode, string? Error)
{
    public bool Succeeded => StatusCode is >= 200 and <= 299;
}

/// <summary>A delivery's state after an attempt.</summary>
public sealed record DeliveryOutcome(
    string Status, int Attempts, DateTimeOffset AttemptedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt,
    int? ResponseStatus, string? Error);

public static class DeliverySchedule
{
    /// <summary>
    /// 2xx delivers; any other answer, a redirect or no answer is retried after schedule[n-1] where n counts attempts
    /// so far, and fails for good once the schedule is used up (1 + schedule.Count attempts in all).
    /// </summary>
    public static DeliveryOutcome After(int attemptsBefore, AttemptResult result, IReadOnlyList<TimeSpan> schedule, DateTimeOffset now)
    {
        var attempts = attemptsBefore + 1;
        if (result.Succeeded)
            return new DeliveryOutcome(WebhookDeliveryStatuses.Delivered, attempts, now, null, now, result.StatusCode, null);
        var error = result.Error ?? $"The endpoint answered {result.StatusCode}.";
        return attempts <= schedule.Count
            ? new DeliveryOutcome(WebhookDeliveryStatuses.Pending, attempts, now, now + schedule[attempts - 1], null, result.StatusCode, error)
            : new DeliveryOutcome(WebhookDeliveryStatuses.Failed, attempts, now, null, null, result.StatusCode, error);
    }
}
