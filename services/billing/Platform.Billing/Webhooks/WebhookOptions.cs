namespace Platform.Billing.Webhooks;

/// <summary>Webhook settings (section Platform:Webhooks).</summary>
public sealed record WebhookOptions
{
    /// <summary>Allow http:// URLs to 127.0.0.1, [::1] and localhost, for development (AllowInsecureLoopback).</summary>
    public bool AllowInsecureLoopback { get; init; }

    /// <summary>
    /// Allow webhook URLs and deliveries to private, loopback and link-local addresses and internal host names
    /// (AllowPrivateTargets): for development and tests with local receivers; off, such targets are refused at creation
    /// (URL_NOT_ALLOWED) and never connected to at delivery.
    /// </summary>
    public bool AllowPrivateTargets { get; init; }

    /// <summary>Active subscriptions one owner may have (MaxSubscriptionsPerOwner).</summary>
    public int MaxSubscriptionsPerOwner { get; init; } = 20;

    /// <summary>Workspaces one subscription may name (MaxWorkspacesPerSubscription).</summary>
    public int MaxWorkspacesPerSubscription { get; init; } = 1000;

    /// <summary>
    /// Waits between attempts: after attempt n fails the next is due RetrySchedule[n-1] later, and after the last one the
    /// delivery has failed (RetrySchedule: comma-separated TimeSpans, e.g. "00:00:05, 00:00:30").
    /// </summary>
    public IReadOnlyList<TimeSpan> RetrySchedule { get; init; } =
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1)];

    /// <summary>How long one POST may take (RequestTimeout).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the delivery loop looks for due deliveries when it found none (PollInterval).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries one replica claims and sends at once (BatchSize).</summary>
    public int BatchSize { get; init; } = 16;

    public static WebhookOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Platform:Webhooks");
        var defaults = new WebhookOptions();
        var schedule = (section["RetrySchedule"] ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => TimeSpan.Parse(s, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        return new WebhookOptions
        {
            AllowInsecureLoopback = section.GetValue("AllowInsecureLoopback", defaults.AllowInsecureLoopback),
            AllowPrivateTargets = section.GetValue("AllowPrivateTargets", defaults.AllowPrivateTargets),
            MaxSubscriptionsPerOwner = section.GetValue("MaxSubscriptionsPerOwner", defaults.MaxSubscriptionsPerOwner),
            MaxWorkspacesPerSubscription = section.GetValue("MaxWorkspacesPerSubscription", defaults.MaxWorkspacesPerSubscription),
            RetrySchedule = schedule.Count > 0 ? schedule : defaults.RetrySchedule,
            RequestTimeout = section.GetValue("RequestTimeout", defaults.RequestTimeout),
            PollInterval = section.GetValue("PollInterval", defaults.PollInterval),
            BatchSize = section.GetValue("BatchSize", defaults.BatchSize),
        };
    }

    /// <summary>A claimed delivery is given back to other replicas after this long if its sender died.</summary>
    public TimeSpan ClaimLease => RequestTimeout + TimeSpan.FromSeconds(30);
}
