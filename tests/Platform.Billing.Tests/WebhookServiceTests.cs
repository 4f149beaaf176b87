using System.Text.Json;
using MassTransit;
using Npgsql;
using Platform.Contracts.Billing;
using Platform.Contracts.Tenants;
using Platform.Testing;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using Xunit;

namespace Platform.Billing.Tests;

/// <summary>The billing process with short webhook retries and loopback URLs allowed, a probe and a webhook receiver.</summary>
public sealed class WebhookBilling : IAsyncLifetime
{
    public ServiceUnderTest Service { get; private set; } = null!;
    public BusProbe Probe { get; private set; } = null!;
    public WebhookReceiver Receiver { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        Service = await ServiceUnderTest.StartAsync("billing", Settings("00:00:00.300, 00:00:00.600, 00:00:01"));
        Probe = await Service.ProbeAsync();
    }

    /// <summary>
    /// Billing's webhook settings for tests: the receivers are on http://127.0.0.1 — a private target over plain http
    /// (WebhookPrivateTargetTests restarts billing with private targets refused) — looked for often, retried after
    /// <paramref name="retrySchedule"/>.
    /// </summary>
    public static Dictionary<string, string> Settings(string retrySchedule) => new()
    {
        ["Platform__Webhooks__AllowInsecureLoopback"] = "true",
        ["Platform__Webhooks__AllowPrivateTargets"] = "true",
        ["Platform__Webhooks__PollInterval"] = "00:00:00.100",
        ["Platform__Webhooks__RetrySchedule"] = retrySchedule,
        ["Platform__Webhooks__RequestTimeout"] = "00:00:05",
    };

    public async Task DisposeAsync()
    {
        await Probe.DisposeAsync();
        await Service.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    public Task<CreateWebhookSubscriptionResult> Create(string ownerId, string url, IReadOnlyList<string> eventTypes, params Guid[] workspaceIds) =>
        CreateBy("user:test", ownerId, url, eventTypes, workspaceIds);

    public Task<CreateWebhookSubscriptionResult> CreateBy(string? requestedBy, string ownerId, string url, IReadOnlyList<string> eventTypes,
        params Guid[] workspaceIds) =>
        Probe.Request<CreateWebhookSubscription, CreateWebhookSubscriptionResult>(new CreateWebhookSubscription
        {
            OwnerId = ownerId, Url = url, EventTypes = eventTypes, WorkspaceIds = workspaceIds, Description = "test", RequestedBy = requestedBy,
        });

    public async Task<(WebhookSubscriptionDetails Subscription, string Secret)> Subscribe(string ownerId, string url, string eventType, params Guid[] workspaceIds)
    {
        var result = await Create(ownerId, url, [eventType], workspaceIds);
        Assert.Empty(result.Errors);
        return (result.Subscription!, result.SigningSecret!);
    }

    /// <summary>A create request sent with a fixed MessageId, as a redelivery of the same message would arrive.</summary>
    public async Task<CreateWebhookSubscriptionResult> CreateAs(Guid messageId, CreateWebhookSubscription request)
    {
        var client = Probe.Bus.CreateRequestClient<CreateWebhookSubscription>(RequestTimeout.After(s: 30));
        var response = await client.GetResponse<CreateWebhookSubscriptionResult>(request, x => x.UseExecute(context => context.MessageId = messageId));
        return response.Message;
    }

    public Task<WebhookSubscriptionPage> List(string ownerId, int? first = 10, string? after = null, int? last = null, string? before = null) =>
        Probe.Request<ListWebhookSubscriptions, WebhookSubscriptionPage>(new ListWebhookSubscriptions
        {
            OwnerId = ownerId, First = first, After = after, Last = last, Before = before,
        });

    public Task<DeleteWebhookSubscriptionResult> Delete(string ownerId, Guid subscriptionId) =>
        Probe.Request<DeleteWebhookSubscription, DeleteWebhookSubscriptionResult>(new DeleteWebhookSubscription { OwnerId = ownerId, SubscriptionId = subscriptionId });

    public Task<WebhookDeliveryPage> Deliveries(string ownerId, Guid subscriptionId, int first = 50) =>
        Probe.Request<ListWebhookDeliveries, WebhookDeliveryPage>(new ListWebhookDeliveries { OwnerId = ownerId, SubscriptionId = subscriptionId, First = first });

    /// <summary>Whether billing has committed its handling of a message (the inbox entry shares the transaction of the deliveries).</summary>
    public async Task<bool> Handled(string consumer, Guid messageId) => await Scalar(
        "select count(*) from billing.mt_doc_inboxentry where id = @p", $"{consumer}/{messageId:N}") > 0;

    /// <summary>The delivery rows of a subscription, whatever their state (not through the API, to see what the worker could send).</summary>
    public Task<long> DeliveryRows(Guid subscriptionId) =>
        Scalar("select count(*) from billing.webhook_deliveries where subscription_id = @p", subscriptionId);

    async Task<long> Scalar(string sql, object parameter)
    {
        await using var connection = new NpgsqlConnection(Service.Settings.Environment["ConnectionStrings__Postgres"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p", parameter);
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }

    public async Task<string> StoredSubscriptionDocuments()
    {
        await using var connection = new NpgsqlConnection(Service.Settings.Environment["ConnectionStrings__Postgres"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select coalesce(string_agg(data::text, ' '), '') from billing.mt_doc_webhooksubscription", connection);
        return (string)(await command.ExecuteScalarAsync() ?? "");
    }
}

public sealed class WebhookServiceTests(WebhookBilling billing) : IClassFixture<WebhookBilling>
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    WebhookReceiver Receiver => billing.Receiver;

    static string NewOwner() => "partner-" + Guid.NewGuid().ToString("N")[..8];

    Task<IReadOnlyList<ReceivedWebhook>> Received(string url, int count, string what) =>
        Eventually.Until(() => Task.FromResult(Receiver.ReceivedAt(url)), r => r.Count >= count, Timeout, what);

    Task<WebhookDeliveryDetails> Delivery(string owner, Guid subscriptionId, Func<WebhookDeliveryDetails, bool> done, string what) =>
        Eventually.Until(async () => (await billing.Deliveries(owner, subscriptionId)).Edges.Select(e => e.Node).FirstOrDefault(),
            d => d is not null && done(d), Timeout, what).ContinueWith(t => t.Result!, TaskScheduler.Default);

    static Task Activate(BusProbe probe, Guid workspaceId, Guid messageId) =>
        probe.Publish(new WorkspaceActivated { WorkspaceId = workspaceId, ActivatedAt = DateTimeOffset.UtcNow }, messageId);

    [Fact]
    public async Task GivenASubscriptionToWorkspaceActivated_WhenTheWorkspaceIsActivated_ThenOnePostArrivesSignedWithTheSecretShownAtCreation()
    {
        var owner = NewOwner();
        var workspaceId = Guid.NewGuid();
        var url = Receiver.NewEndpoint();
        var (subscription, secret) = await billing.Subscribe(owner, url, WebhookEventTypes.WorkspaceActivated, workspaceId);
        var messageId = NewId.NextGuid();

        await Activate(billing.Probe, workspaceId, messageId);

        var post = Assert.Single(await Received(url, 1, "the webhook POST"));
        new StandardWebhook(secret).Verify(post.Body, post.Headers);
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(Platform.Billing.Webhooks.WebhookSecrets.Generate()).Verify(post.Body, post.Headers));
        using var body = JsonDocument.Parse(post.Body);
        Assert.Equal("workspace.activated", body.RootElement.GetProperty("type").GetString());
        Assert.True(body.RootElement.TryGetProperty("timestamp", out _));
        Assert.Equal(workspaceId, body.RootElement.GetProperty("data").GetProperty("workspaceId").GetGuid());
        var delivery = await Delivery(owner, subscription.Id, d => d.Status == WebhookDeliveryStatuses.Delivered, "the delivery to be recorded as delivered");
        Assert.Equal(delivery.Id.ToString(), post.WebhookId);
        Assert.Equal((messageId, 1, 200), (delivery.EventId, delivery.Attempts, delivery.LastResponseStatus));
    }

    [Fact]
    public async Task WhenTheSameEventArrivesTwiceAndAnotherEventOfTheWorkspaceOnce_ThenEachEventIsPostedOnce()
    {
        var owner = NewOwner();
        var workspaceId = Guid.NewGuid();
        var url = Receiver.NewEndpoint();
        var (subscription, _) = await billing.Subscribe(owner, url, WebhookEventTypes.WorkspaceActivated, workspaceId);
        var first = NewId.NextGuid();
        var second = NewId.NextGuid();

        await Activate(billing.Probe, workspaceId, first);
        await Received(url, 1, "the first event's POST");
        await Activate(billing.Probe, workspaceId, first);
        await Activate(billing.Probe, workspaceId, second);

        await Received(url, 2, "the second event's POST");
        await Eventually.Until(() => billing.Handled("WorkspaceActivatedWebhooks", second), Timeout, "the second event to be handled");
        // The duplicate of the first event leaves no trace when it is recognised; give it time to show up if it is not.
        await Consistently.Holds(() => Receiver.ReceivedAt(url).Count == 2, TimeSpan.FromSeconds(3), "two POSTs in all");
        var posts = Receiver.ReceivedAt(url);
        Assert.Equal(2, posts.Select(p => p.WebhookId).Distinct().Count());
        var deliveries = (await billing.Deliveries(owner, subscription.Id)).Edges.Select(e => e.Node).ToList();
        Assert.Equal(new HashSet<Guid> { first, second }, deliveries.Select(d => d.EventId).ToHashSet());
        Assert.Equal(2, await billing.DeliveryRows(subscription.Id));
    }

    [Fact]
    public async Task GivenAnEndpointFailingTwice_WhenAnEventArrives_ThenItIsDeliveredOnTheThirdAttemptUnderTheSameId()
    {
        var owner = NewOwner();
        var workspaceId = Guid.NewGuid();
        var url = Receiver.NewEndpoint(500, 500);
        var (subscription, secret) = await billing.Subscribe(owner, url, WebhookEventTypes.WorkspaceActivated, workspaceId);

        await Activate(billing.Probe, workspaceId, NewId.NextGuid());

        var posts = await Received(url, 3, "three attempts");
        Assert.Single(posts.Select(p => p.WebhookId).Distinct());
        Assert.Single(posts.Select(p => p.Body).Distinct());
        foreach (var post in posts)
            new StandardWebhook(secret).Verify(post.Body, post.Headers);
        var delivery = await Delivery(owner, subscription.Id, d => d.Status == WebhookDeliveryStatuses.Delivered, "the delivery to be delivered");
        Assert.Equal((3, 200), (delivery.Attempts, delivery.LastResponseStatus));
        Assert.Equal(3, Receiver.ReceivedAt(url).Count);
    }

    [Fact]
    public async Task GivenAnEndpointThatAlwaysFails_WhenAnEventArrives_ThenItFailsAfterTheLastRetryOfTheSchedule()
    {
        var owner = NewOwner();
        var workspaceId = Guid.NewGuid();
        var url = Receiver.NewEndpoint(503, 503, 503, 503, 503, 503);
        var (subscription, _) = await billing.Subscribe(owner, url, WebhookEventTypes.WorkspaceActivated, workspaceId);

        await Activate(billing.Probe, workspaceId, NewId.NextGuid());

        var delivery = await Delivery(owner, subscription.Id, d => d.Status == WebhookDeliveryStatuses.Failed, "the delivery to fail");
        Assert.Equal((4, 503), (delivery.Attempts, delivery.LastResponseStatus)); // the first attempt and three retries
        Assert.Null(delivery.NextAttemptAt);
        Assert.Contains("503", delivery.LastError);
        await Consistently.Holds(() => Receiver.ReceivedAt(url).Count == 4, TimeSpan.FromSeconds(2), "no attempt after the last retry");
    }

    [Fact]
    public async Task WhenAWorkspaceIsActivated_ThenSubscriptionsOfOtherWorkspacesOrOtherEventTypesGetNothing()
    {
        var owner = NewOwner();
        var otherOwner = NewOwner();
        var workspaceId = Guid.NewGuid();
        var otherWorkspaceId = Guid.NewGuid();
        var heard = Receiver.NewEndpoint();
        var otherWorkspace = Receiver.NewEndpoint();
        var otherType = Receiver.NewEndpoint();
        var hearing = await billing.Subscribe(owner, heard, WebhookEventTypes.WorkspaceActivated, workspaceId);
        var ofOtherOwner = await billing.Subscribe(otherOwner, otherWorkspace, WebhookEventTypes.WorkspaceActivated, otherWorkspaceId);
        var ofOtherType = await billing.Subscribe(owner, otherType, WebhookEventTypes.WorkspaceFailed, workspaceId);
        var messageId = NewId.NextGuid();

        await Activate(billing.Probe, workspaceId, messageId);

        await Received(heard, 1, "the POST to the subscription of the workspace");
        // Every delivery of one event is written in one transaction, so the others would exist by now.
        Assert.Equal(1, await billing.DeliveryRows(hearing.Subscription.Id));
        Assert.Equal(0, await billing.DeliveryRows(ofOtherOwner.Subscription.Id));
        Assert.Equal(0, await billing.DeliveryRows(ofOtherType.Subscription.Id));
        Assert.Empty(Receiver.ReceivedAt(otherWorkspace));
        Assert.Empty(Receiver.ReceivedAt(otherType));
    }

    [Fact]
    public async Task GivenADeletedSubscription_WhenAnEventArrives_ThenNothingIsPostedToIt()
    {
        var owner = NewOwner();
        var workspaceId = Guid.NewGuid();
        var deletedUrl = Receiver.NewEndpoint();
        var keptUrl = Receiver.NewEndpoint();
        var deleted = await billing.Subscribe(owner, deletedUrl, WebhookEventTypes.WorkspaceActivated, workspaceId);
        await billing.Subscribe(owner, keptUrl, WebhookEventTypes.WorkspaceActivated, workspaceId);
        await Activate(billing.Probe, workspaceId, NewId.NextGuid());
        await Received(deletedUrl, 1, "the POST before deletion");

        var result = await billing.Delete(owner, deleted.Subscription.Id);
        await Activate(billing.Probe, workspaceId, NewId.NextGuid());

        Assert.Equal(deleted.Subscription.Id, result.DeletedSubscriptionId);
        await Received(keptUrl, 2, "the kept subscription to get the second event");
        Assert.Single(Receiver.ReceivedAt(deletedUrl));
        Assert.Equal(1, await billing.DeliveryRows(deleted.Subscription.Id));
        Assert.DoesNotContain((await billing.List(owner)).Edges, e => e.Node.Id == deleted.Subscription.Id);
    }

    [Fact]
    public async Task WhenABillingAccountIsOpened_ThenTheBillingSubscriptionGetsTheOpenedEventWithTheWelcomeCredit()
    {
        var owner = NewOwner();
        var workspaceId = Guid.NewGuid();
        var url = Receiver.NewEndpoint();
        await billing.Subscribe(owner, url, WebhookEventTypes.BillingAccountOpened, workspaceId);

        await billing.Probe.Publish(new OpenBillingAccount { WorkspaceId = workspaceId, OwnerId = Guid.NewGuid() });

        var post = Assert.Single(await Received(url, 1, "billing.account.opened"));
        using var body = JsonDocument.Parse(post.Body);
        Assert.Equal("billing.account.opened", body.RootElement.GetProperty("type").GetString());
        var data = body.RootElement.GetProperty("data");
        Assert.Equal(workspaceId, data.GetProperty("workspaceId").GetGuid());
        Assert.Equal("5", data.GetProperty("welcomeCredit").GetProperty("amount").GetString());
        Assert.Equal("USD", data.GetProperty("welcomeCredit").GetProperty("currency").GetString());
    }

    [Fact]
    public async Task WhenABillingAccountIsOpened_ThenTheCreditedSubscriptionGetsOneSignedPostWithTheWelcomeCredit()
    {
        var owner = NewOwner();
        var workspaceId = Guid.NewGuid();
        var url = Receiver.NewEndpoint();
        var (_, secret) = await billing.Subscribe(owner, url, WebhookEventTypes.BillingAccountCredited, workspaceId);

        await billing.Probe.Publish(new OpenBillingAccount { WorkspaceId = workspaceId, OwnerId = Guid.NewGuid() });

        var post = Assert.Single(await Received(url, 1, "billing.account.credited"));
        new StandardWebhook(secret).Verify(post.Body, post.Headers);
        using var body = JsonDocument.Parse(post.Body);
        Assert.Equal("billing.account.credited", body.RootElement.GetProperty("type").GetString());
        var data = body.RootElement.GetProperty("data");
        Assert.Equal(workspaceId, data.GetProperty("workspaceId").GetGuid());
        Assert.Equal(5_000_000L, data.GetProperty("amountMicros").GetInt64());
        Assert.Equal("5", data.GetProperty("amount").GetString());
        Assert.Equal("welcome-credit", data.GetProperty("reason").GetString());
        await Consistently.Holds(() => Receiver.ReceivedAt(url).Count == 1, TimeSpan.FromSeconds(2), "one POST in all");
    }

    [Fact]
    public async Task SubscriptionsAreCreatedListedInPagesAndDeletedOnlyByTheirOwner_AndTheSecretIsNeverShownOrStoredAgain()
    {
        var owner = NewOwner();
        var workspaceId = Guid.NewGuid();
        var created = new List<(WebhookSubscriptionDetails Subscription, string Secret)>();
        for (var i = 0; i < 3; i++)
            created.Add(await billing.Subscribe(owner, Receiver.NewEndpoint(), WebhookEventTypes.WorkspaceActivated, workspaceId));

        var first = await billing.List(owner, first: 2);
        var second = await billing.List(owner, first: 2, after: first.PageInfo.EndCursor);
        var byOtherOwner = await billing.List(NewOwner());
        var deletedByOtherOwner = await billing.Delete(NewOwner(), created[0].Subscription.Id);

        Assert.Equal(3, first.TotalCount);
        Assert.True(first.PageInfo.HasNextPage);
        Assert.False(second.PageInfo.HasNextPage);
        Assert.Equal(created.Select(c => c.Subscription.Id), [.. first.Edges.Select(e => e.Node.Id), .. second.Edges.Select(e => e.Node.Id)]);
        Assert.All(first.Edges, e => Assert.Equal(WebhookSubscriptionStatuses.Active, e.Node.Status));
        Assert.Empty(byOtherOwner.Edges);
        Assert.Equal(WebhookErrorCodes.NotFound, Assert.Single(deletedByOtherOwner.Errors).Code);
        var listed = JsonSerializer.Serialize(first) + JsonSerializer.Serialize(second);
        var stored = await billing.StoredSubscriptionDocuments();
        foreach (var (_, secret) in created)
        {
            Assert.Matches("^whsec_[A-Za-z0-9+/]{43}=$", secret);
            Assert.DoesNotContain(secret[6..], listed);
            Assert.DoesNotContain(secret[6..], stored);
        }

        Assert.Equal(created[0].Subscription.Id, (await billing.Delete(owner, created[0].Subscription.Id)).DeletedSubscriptionId);
        var afterDelete = await billing.List(owner);
        Assert.Equal(2, afterDelete.TotalCount);
        Assert.Equal(WebhookErrorCodes.NotFound, Assert.Single((await billing.Delete(owner, created[0].Subscription.Id)).Errors).Code);
    }

    [Fact]
    public async Task WhenASubscriptionIsInvalid_ThenUserErrorsSayWhy_AndAnOwnerCannotGoPastTheLimit()
    {
        var owner = NewOwner();
        var workspaceId = Guid.NewGuid();

        var insecure = await billing.Create(owner, "http://partner.example/hooks", [WebhookEventTypes.WorkspaceActivated], workspaceId);
        var unknownType = await billing.Create(owner, Receiver.NewEndpoint(), ["workspace.exploded"], workspaceId);
        var badPage = await billing.List(owner, first: 101);

        Assert.Equal(WebhookErrorCodes.InvalidUrl, Assert.Single(insecure.Errors).Code);
        Assert.Null(insecure.SigningSecret);
        Assert.Equal(WebhookErrorCodes.InvalidEventType, Assert.Single(unknownType.Errors).Code);
        Assert.Equal(WebhookErrorCodes.InvalidPagination, Assert.Single(badPage.Errors).Code);

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 21).Select(_ =>
            billing.Create(owner, Receiver.NewEndpoint(), [WebhookEventTypes.WorkspaceActivated], workspaceId)));
        Assert.Equal(20, concurrent.Count(r => r.Errors.Count == 0));
        Assert.Equal(WebhookErrorCodes.TooManySubscriptions, Assert.Single(concurrent.SelectMany(r => r.Errors)).Code);
        Assert.Equal(20, (await billing.List(owner, first: 100)).TotalCount);
    }
    [Fact]
    public async Task WhenACreateIsRetriedAfterALostAnswer_ThenTheRetryGetsTheSameSubscriptionAndSecret_AndEachEventIsPostedOnce()
    {
        var owner = NewOwner();
        var workspaceId = Guid.NewGuid();
        var url = Receiver.NewEndpoint();
        var first = await billing.Create(owner, url, [WebhookEventTypes.WorkspaceActivated, WebhookEventTypes.WorkspaceFailed], workspaceId);

        // The client never saw the first answer and sends the same request again (a new message).
        var retry = await billing.Create(owner, url, [WebhookEventTypes.WorkspaceFailed, WebhookEventTypes.WorkspaceActivated], workspaceId);

        Assert.Empty(first.Errors);
        Assert.Empty(retry.Errors);
        Assert.Equal(first.Subscription!.Id, retry.Subscription!.Id);
        Assert.Equal(first.SigningSecret, retry.SigningSecret);
        Assert.Equal([first.Subscription.Id], (await billing.List(owner)).Edges.Select(e => e.Node.Id));
        var messageId = NewId.NextGuid();
        await Activate(billing.Probe, workspaceId, messageId);
        var post = Assert.Single(await Received(url, 1, "the webhook POST"));
        new StandardWebhook(retry.SigningSecret!).Verify(post.Body, post.Headers);
        // Platform's trace context stays inside: receivers are third parties.
        Assert.False(post.Headers.ContainsKey("traceparent"));
        await Eventually.Until(() => billing.Handled("WorkspaceActivatedWebhooks", messageId), Timeout, "the event to be handled");
        await Consistently.Holds(() => Receiver.ReceivedAt(url).Count == 1, TimeSpan.FromSeconds(2), "one POST for one event");
        Assert.Equal(1, await billing.DeliveryRows(first.Subscription.Id));
    }

    [Fact]
    public async Task WhenAnotherCallerOfTheOwnerAsksForTheSameSubscription_ThenItGetsTheSubscriptionButNeverItsSecret()
    {
        var owner = NewOwner();
        var workspaceId = Guid.NewGuid();
        var url = Receiver.NewEndpoint();
        var created = await billing.CreateBy("user:admin", owner, url, [WebhookEventTypes.WorkspaceActivated], workspaceId);

        // Another key of the same partner saw the URL and event types in the list and asks for the same subscription.
        var other = await billing.CreateBy("key:other", owner, url, [WebhookEventTypes.WorkspaceActivated], workspaceId);
        var anonymous = await billing.CreateBy(null, owner, url, [WebhookEventTypes.WorkspaceActivated], workspaceId);
        var creatorAgain = await billing.CreateBy("user:admin", owner, url, [WebhookEventTypes.WorkspaceActivated], workspaceId);

        Assert.Empty(created.Errors);
        Assert.NotNull(created.SigningSecret);
        Assert.All([other, anonymous, creatorAgain], r => Assert.Equal(created.Subscription!.Id, r.Subscription!.Id));
        Assert.Null(other.SigningSecret);
        Assert.Null(anonymous.SigningSecret);
        Assert.Equal(created.SigningSecret, creatorAgain.SigningSecret);
        Assert.Equal(1, (await billing.List(owner)).TotalCount);
    }

    [Fact]
    public async Task WhenTheSameCreateArrivesSeveralTimesAtOnce_ThenTheyAllGetOneSubscription()
    {
        var owner = NewOwner();
        var workspaceId = Guid.NewGuid();
        var url = Receiver.NewEndpoint();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => billing.Create(owner, url, [WebhookEventTypes.WorkspaceActivated], workspaceId)));

        Assert.All(results, r => Assert.Empty(r.Errors));
        Assert.Single(results.Select(r => r.Subscription!.Id).Distinct());
        Assert.Single(results.Select(r => r.SigningSecret).Distinct());
        Assert.Equal(1, (await billing.List(owner)).TotalCount);
    }

    [Fact]
    public async Task WhenACreateMessageIsDeliveredAgain_ThenItAnswersWithTheSubscriptionItCreated_EvenAfterItWasDeleted()
    {
        var owner = NewOwner();
        var messageId = NewId.NextGuid();
        var request = new CreateWebhookSubscription
        {
            OwnerId = owner, Url = Receiver.NewEndpoint(), EventTypes = [WebhookEventTypes.WorkspaceActivated], WorkspaceIds = [Guid.NewGuid()],
        };
        var created = await billing.CreateAs(messageId, request);
        var again = await billing.CreateAs(messageId, request);
        Assert.Equal(created.Subscription!.Id, again.Subscription!.Id);
        Assert.Equal(created.SigningSecret, again.SigningSecret);
        Assert.Equal(created.Subscription.Id, (await billing.Delete(owner, created.Subscription.Id)).DeletedSubscriptionId);

        var afterDelete = await billing.CreateAs(messageId, request);
        var aNewRequest = await billing.Create(owner, request.Url, request.EventTypes, [.. request.WorkspaceIds]);

        Assert.Equal((created.Subscription.Id, WebhookSubscriptionStatuses.Deleted), (afterDelete.Subscription!.Id, afterDelete.Subscription.Status));
        Assert.Null(afterDelete.SigningSecret);
        Assert.NotEqual(created.Subscription.Id, aNewRequest.Subscription!.Id);
        Assert.Equal([aNewRequest.Subscription.Id], (await billing.List(owner)).Edges.Select(e => e.Node.Id));
    }
}
