using MassTransit;
using Platform.Billing.SubscribingToWebhooks;
using Platform.Billing.Webhooks;
using Platform.Contracts.Billing;
using Platform.Contracts.Tenants;
using Platform.Testing;
using StandardWebhooks;
using Xunit;
using Subscribing = Platform.Billing.SubscribingToWebhooks.SubscribingToWebhooks;

namespace Platform.Billing.Tests;

/// <summary>Subscriptions scoped to a partner, as pure decisions.</summary>
public sealed class PartnerWebhookDecisionTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    static readonly Guid PartnerP = Guid.Parse("aaaaaaaa-0000-4000-8000-000000000001");
    static readonly Guid PartnerQ = Guid.Parse("aaaaaaaa-0000-4000-8000-000000000002");
    static readonly Guid WorkspaceId = Guid.Parse("6f1d7f0e-6a43-4a5e-9d0f-0c3a3c1b2a11");

    static SubscriptionCreation Decide(Guid? partnerId, IReadOnlyList<Guid> workspaceIds) => Subscribing.Decide(null, [], new CreateWebhookSubscription
    {
        OwnerId = "partner:" + partnerId, Url = "https://partner.example/hooks", EventTypes = [WebhookEventTypes.WorkspaceActivated],
        WorkspaceIds = workspaceIds, PartnerId = partnerId,
    }, new WebhookOptions(), Guid.NewGuid(), "protected", Now);

    [Fact]
    public void APartnerScopedSubscription_NamesNoWorkspaces_AndIsCreatedWithItsPartner()
    {
        var created = Decide(PartnerP, []);

        Assert.Empty(created.Errors);
        Assert.Equal(PartnerP, created.Subscription!.PartnerId);
        Assert.Equal(PartnerP, created.Subscription.ToDetails().PartnerId);
        Assert.Empty(created.Subscription.WorkspaceIds);
    }

    [Fact]
    public void ASubscriptionWithBothAPartnerAndWorkspaces_OrAnEmptyPartner_OrNeither_IsRefused()
    {
        Assert.Equal(WebhookErrorCodes.InvalidWorkspaceScope, Assert.Single(Decide(PartnerP, [WorkspaceId]).Errors).Code);
        Assert.Equal(WebhookErrorCodes.InvalidWorkspaceScope, Assert.Single(Decide(Guid.Empty, []).Errors).Code);
        Assert.Equal(WebhookErrorCodes.InvalidWorkspaceScope, Assert.Single(Decide(null, []).Errors).Code);
    }

    [Fact]
    public void APartnerScopedSubscription_HearsOnlyWorkspacesManagedByItsPartner_NeverByTheListOrAnUnknownManager()
    {
        var subscription = Decide(PartnerP, []).Subscription!;
        var listed = Decide(null, [WorkspaceId]).Subscription!;

        Assert.True(subscription.Hears(WebhookEventTypes.WorkspaceActivated, WorkspaceId, PartnerP));
        Assert.False(subscription.Hears(WebhookEventTypes.WorkspaceActivated, WorkspaceId, PartnerQ));
        Assert.False(subscription.Hears(WebhookEventTypes.WorkspaceActivated, WorkspaceId, null));
        Assert.False(subscription.Hears(WebhookEventTypes.WorkspaceFailed, WorkspaceId, PartnerP));
        Assert.False((subscription with { DeletedAt = Now }).Hears(WebhookEventTypes.WorkspaceActivated, WorkspaceId, PartnerP));
        // A listed subscription ignores who manages the workspace.
        Assert.True(listed.Hears(WebhookEventTypes.WorkspaceActivated, WorkspaceId, PartnerQ));
        Assert.False(listed.Hears(WebhookEventTypes.WorkspaceActivated, Guid.NewGuid(), PartnerQ));
    }
}

/// <summary>
/// Subscriptions scoped to a partner against the real billing process: billing records who manages each workspace from
/// WorkspaceCreated and delivers a workspace's events to its managing partner's subscriptions only. A fixture of its
/// own (its own database), so the other webhook tests never see a partner-scoped subscription.
/// </summary>
public sealed class PartnerWebhookServiceTests(WebhookBilling billing) : IClassFixture<WebhookBilling>
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    async Task<(WebhookSubscriptionDetails Subscription, string Secret, string Url, string Owner)> SubscribePartner(Guid partnerId, string eventType)
    {
        var url = billing.Receiver.NewEndpoint();
        var owner = $"partner:{partnerId}";
        var result = await billing.Probe.Request<CreateWebhookSubscription, CreateWebhookSubscriptionResult>(new CreateWebhookSubscription
        {
            OwnerId = owner, Url = url, EventTypes = [eventType], PartnerId = partnerId,
        });
        Assert.Empty(result.Errors);
        Assert.Equal(partnerId, result.Subscription!.PartnerId);
        return (result.Subscription, result.SigningSecret!, url, owner);
    }

    Task Created(Guid workspaceId, Guid? partnerId, Guid messageId) => billing.Probe.Publish(new WorkspaceCreated
    {
        WorkspaceId = workspaceId, ManagedByPartnerId = partnerId, OwnerId = partnerId is null ? Guid.NewGuid() : null,
        Name = "ws", Slug = "ws-" + workspaceId.ToString("N")[..8], Namespace = "ws-" + workspaceId.ToString("N")[..8], Region = "eu-1",
        CreatedAt = DateTimeOffset.UtcNow,
    }, messageId);

    Task Activated(Guid workspaceId, Guid messageId) =>
        billing.Probe.Publish(new WorkspaceActivated { WorkspaceId = workspaceId, ActivatedAt = DateTimeOffset.UtcNow }, messageId);

    Task Recorded(Guid messageId) =>
        Eventually.Until(() => billing.Handled("RecordWorkspaceManager", messageId), done => done, Timeout, "billing to record the workspace's manager");

    [Fact]
    public async Task GivenAWorkspaceCreatedManagedByP_WhenItIsActivated_ThenPsSubscriptionGetsItAndQsDoesNot()
    {
        var (p, q) = (Guid.NewGuid(), Guid.NewGuid());
        var ofP = await SubscribePartner(p, WebhookEventTypes.WorkspaceActivated);
        var ofQ = await SubscribePartner(q, WebhookEventTypes.WorkspaceActivated);
        var workspaceId = Guid.NewGuid();
        var created = NewId.NextGuid();
        await Created(workspaceId, p, created);
        await Recorded(created);

        await Activated(workspaceId, NewId.NextGuid());

        var post = Assert.Single(await Eventually.Until(() => Task.FromResult(billing.Receiver.ReceivedAt(ofP.Url)), r => r.Count >= 1, Timeout, "P's webhook"));
        new StandardWebhook(ofP.Secret).Verify(post.Body, post.Headers);
        Assert.Contains(workspaceId.ToString(), post.Body);
        // Every delivery of one event is written in one transaction: Q's would exist by now.
        Assert.Equal(0, await billing.DeliveryRows(ofQ.Subscription.Id));
        Assert.Empty(billing.Receiver.ReceivedAt(ofQ.Url));
        var listed = await billing.Probe.Request<ListWebhookDeliveries, WebhookDeliveryPage>(new ListWebhookDeliveries
        {
            OwnerId = ofP.Owner, SubscriptionId = ofP.Subscription.Id, First = 10,
        });
        Assert.Equal(workspaceId, Assert.Single(listed.Edges).Node.WorkspaceId);
    }

    [Fact]
    public async Task GivenASelfServiceWorkspaceAndOneOfAnotherPartner_WhenTheyAreActivated_ThenAPartnersSubscriptionGetsNothing()
    {
        var (p, q) = (Guid.NewGuid(), Guid.NewGuid());
        var ofP = await SubscribePartner(p, WebhookEventTypes.WorkspaceActivated);
        var (selfService, ofQ, own) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var createdMessages = new[] { NewId.NextGuid(), NewId.NextGuid(), NewId.NextGuid() };
        await Created(selfService, null, createdMessages[0]);
        await Created(ofQ, q, createdMessages[1]);
        await Created(own, p, createdMessages[2]);
        foreach (var message in createdMessages)
            await Recorded(message);

        var activations = new[] { (selfService, NewId.NextGuid()), (ofQ, NewId.NextGuid()), (own, NewId.NextGuid()) };
        foreach (var (workspaceId, message) in activations)
            await Activated(workspaceId, message);
        foreach (var (_, message) in activations)
            await Eventually.Until(() => billing.Handled("WorkspaceActivatedWebhooks", message), done => done, Timeout, "billing to handle the activation");

        // Each activation's deliveries were committed with its inbox entry: P has one, of its own workspace.
        var posts = await Eventually.Until(() => Task.FromResult(billing.Receiver.ReceivedAt(ofP.Url)), r => r.Count >= 1, Timeout, "P's webhook");
        Assert.Contains(own.ToString(), Assert.Single(posts).Body);
        Assert.Equal(1, await billing.DeliveryRows(ofP.Subscription.Id));
    }

    [Fact]
    public async Task GivenAnActivationThatOvertakesTheWorkspaceCreated_WhenTheCreatedArrives_ThenTheActivationIsStillDeliveredToThePartner()
    {
        var p = Guid.NewGuid();
        var ofP = await SubscribePartner(p, WebhookEventTypes.WorkspaceActivated);
        var workspaceId = Guid.NewGuid();
        var activated = NewId.NextGuid();

        // The activation is consumed first: billing does not know the workspace yet and must wait for its WorkspaceCreated.
        await Activated(workspaceId, activated);
        await Created(workspaceId, p, NewId.NextGuid());

        var post = Assert.Single(await Eventually.Until(() => Task.FromResult(billing.Receiver.ReceivedAt(ofP.Url)), r => r.Count >= 1, Timeout, "P's webhook"));
        Assert.Contains(workspaceId.ToString(), post.Body);
    }
}
