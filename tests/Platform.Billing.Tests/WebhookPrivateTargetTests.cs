using MassTransit;
using Platform.Contracts.Billing;
using Platform.Contracts.Tenants;
using Platform.Testing;
using Xunit;

namespace Platform.Billing.Tests;

/// <summary>
/// Billing with Platform:Webhooks:AllowPrivateTargets off (the default), after a subscription to http://localhost was made
/// while it was on: the billing process is started with the switch on, subscribed, then restarted with it off.
/// </summary>
public sealed class PrivateTargetsOffBilling : IAsyncLifetime
{
    public static readonly Guid WorkspaceId = Guid.NewGuid();

    public ServiceUnderTest Service { get; private set; } = null!;
    public BusProbe Probe { get; private set; } = null!;
    public WebhookReceiver Receiver { get; private set; } = null!;
    public string LocalhostUrl { get; private set; } = "";
    public WebhookSubscriptionDetails LocalhostSubscription { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        Service = await ServiceUnderTest.StartAsync("billing", WebhookBilling.Settings("00:01:00"));
        Probe = await Service.ProbeAsync();
        LocalhostUrl = Receiver.NewEndpoint().Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var created = await Create(LocalhostUrl);
        Assert.Empty(created.Errors);
        LocalhostSubscription = created.Subscription!;

        await Service.KillAsync();
        // The same database and queues, now with the default: private targets refused.
        ((Dictionary<string, string>)Service.Settings.Environment)["Platform__Webhooks__AllowPrivateTargets"] = "false";
        await Service.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Probe.DisposeAsync();
        await Service.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    public Task<CreateWebhookSubscriptionResult> Create(string url) =>
        Probe.Request<CreateWebhookSubscription, CreateWebhookSubscriptionResult>(new CreateWebhookSubscription
        {
            OwnerId = "partner-private-targets", Url = url, EventTypes = [WebhookEventTypes.WorkspaceActivated], WorkspaceIds = [WorkspaceId],
        });
}

public sealed class WebhookPrivateTargetTests(PrivateTargetsOffBilling billing) : IClassFixture<PrivateTargetsOffBilling>
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("https://127.0.0.1/hooks")]
    [InlineData("https://10.0.0.1/hooks")]
    [InlineData("https://172.16.5.4/hooks")]
    [InlineData("https://192.168.1.1/hooks")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://[::1]/hooks")]
    [InlineData("https://[fd00::1]/hooks")]
    [InlineData("https://[fe80::1]/hooks")]
    [InlineData("https://0.0.0.0/hooks")]
    [InlineData("https://localhost/hooks")]
    [InlineData("https://metadata.google.internal/computeMetadata/v1/")]
    [InlineData("http://127.0.0.1:8080/hooks")]
    public async Task GivenPrivateTargetsNotAllowed_WhenASubscriptionToAPrivateTargetIsCreated_ThenItIsUrlNotAllowedOnTheUrl(string url)
    {
        var result = await billing.Create(url);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("url", WebhookErrorCodes.UrlNotAllowed), (error.Field, error.Code));
        Assert.Null(result.Subscription);
        Assert.Null(result.SigningSecret);
    }

    [Fact]
    public async Task GivenASubscriptionToLocalhostMadeWhileAllowed_WhenAnEventIsDeliveredWithTheSwitchOff_ThenNothingIsConnectedAndTheDeliverySaysWhy()
    {
        var subscriptionId = billing.LocalhostSubscription.Id;

        await billing.Probe.Publish(new WorkspaceActivated { WorkspaceId = PrivateTargetsOffBilling.WorkspaceId, ActivatedAt = DateTimeOffset.UtcNow },
            NewId.NextGuid());

        var delivery = await Eventually.Until(async () => (await billing.Probe.Request<ListWebhookDeliveries, WebhookDeliveryPage>(new ListWebhookDeliveries
            {
                OwnerId = "partner-private-targets", SubscriptionId = subscriptionId, First = 10,
            })).Edges.Select(e => e.Node).FirstOrDefault(),
            d => d is { Attempts: >= 1 }, Timeout, "the first attempt to be recorded");
        Assert.Equal(WebhookDeliveryStatuses.Pending, delivery!.Status);
        Assert.Null(delivery.LastResponseStatus);
        Assert.Contains("private, loopback or link-local", delivery.LastError);
        Assert.Empty(billing.Receiver.ReceivedAt(billing.LocalhostUrl));
    }
}
