using Microsoft.AspNetCore.Http;
using Platform.Billing.DeliveringWebhooks;
using Platform.Billing.Queries;
using Platform.Billing.SubscribingToWebhooks;
using Platform.Billing.Webhooks;
using Platform.Contracts.Billing;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using Xunit;
using Subscribing = Platform.Billing.SubscribingToWebhooks.SubscribingToWebhooks;

namespace Platform.Billing.Tests;

/// <summary>Webhook subscriptions, retries, signatures and paging as pure decisions.</summary>
public sealed class WebhookDecisionTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    static readonly Guid WorkspaceId = Guid.Parse("6f1d7f0e-6a43-4a5e-9d0f-0c3a3c1b2a11");
    static readonly Guid SubscriptionId = Guid.Parse("11111111-2222-4333-8444-555555555555");
    static readonly WebhookOptions Options = new();

    static CreateWebhookSubscription Create(string url = "https://partner.example/hooks", IReadOnlyList<string>? eventTypes = null,
        IReadOnlyList<Guid>? workspaces = null, string owner = "partner-1") => new()
    {
        OwnerId = owner,
        Url = url,
        EventTypes = eventTypes ?? [WebhookEventTypes.WorkspaceActivated],
        WorkspaceIds = workspaces ?? [WorkspaceId],
    };

    static SubscriptionCreation Decide(WebhookOwner? owner, CreateWebhookSubscription command, WebhookOptions? options = null,
        IReadOnlyCollection<WebhookSubscription>? known = null) =>
        Subscribing.Decide(owner, known ?? [], command, options ?? Options, SubscriptionId, "protected", Now);

    [Theory]
    [InlineData("https://partner.example/hooks", false, false)]
    [InlineData("https://partner.example:8443/hooks?x=1", false, false)]
    [InlineData("https://8.8.8.8/hooks", false, false)]
    [InlineData("https://172.32.0.1/hooks", false, false)]
    [InlineData("https://192.169.0.1/hooks", false, false)]
    [InlineData("https://[2606:4700:4700::1111]/hooks", false, false)]
    [InlineData("https://localhost.partner.example/hooks", false, false)]
    [InlineData("https://127.0.0.1/hooks", false, true)]
    [InlineData("https://10.0.0.7/hooks", false, true)]
    [InlineData("http://127.0.0.1:5000/hooks", true, true)]
    [InlineData("http://localhost:5000/hooks", true, true)]
    [InlineData("http://[::1]:5000/hooks", true, true)]
    public void GivenAnAcceptableUrl_WhenValidated_ThenThereIsNoError(string url, bool allowInsecureLoopback, bool allowPrivateTargets) =>
        Assert.Null(Subscribing.ValidateUrl(url, allowInsecureLoopback, allowPrivateTargets));

    [Theory]
    [InlineData("http://partner.example/hooks", true)]
    [InlineData("http://127.0.0.1:5000/hooks", false)]
    [InlineData("http://localhost/hooks", false)]
    [InlineData("http://10.0.0.7/hooks", true)]
    [InlineData("http://127.0.0.1.partner.example/hooks", true)]
    [InlineData("ftp://partner.example/hooks", true)]
    [InlineData("/hooks", true)]
    [InlineData("partner.example/hooks", true)]
    [InlineData("https://user:password@partner.example/hooks", true)]
    [InlineData("", true)]
    public void GivenAnUnacceptableUrl_WhenValidated_ThenItIsInvalidUrl(string url, bool allowInsecureLoopback)
    {
        var error = Subscribing.ValidateUrl(url, allowInsecureLoopback, allowPrivateTargets: true);

        Assert.NotNull(error);
        Assert.Equal(WebhookErrorCodes.InvalidUrl, error.Code);
        Assert.Equal("url", error.Field);
    }

    [Theory]
    [InlineData("https://127.0.0.1/hooks")]
    [InlineData("https://127.1.2.3/hooks")]
    [InlineData("https://2130706433/hooks")]
    [InlineData("https://0x7f000001/hooks")]
    [InlineData("https://10.1.2.3/hooks")]
    [InlineData("https://172.16.0.1/hooks")]
    [InlineData("https://172.31.255.254/hooks")]
    [InlineData("https://192.168.1.10/hooks")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://169.254.1.1/hooks")]
    [InlineData("https://100.100.100.200/hooks")]
    [InlineData("https://0.0.0.0/hooks")]
    [InlineData("https://255.255.255.255/hooks")]
    [InlineData("https://[::1]/hooks")]
    [InlineData("https://[::]/hooks")]
    [InlineData("https://[::ffff:127.0.0.1]/hooks")]
    [InlineData("https://[::ffff:169.254.169.254]/hooks")]
    [InlineData("https://[fc00::1]/hooks")]
    [InlineData("https://[fd12:3456:789a::1]/hooks")]
    [InlineData("https://[fe80::1]/hooks")]
    [InlineData("https://[64:ff9b::a00:1]/hooks")]
    [InlineData("https://[2002:a00:1::1]/hooks")]
    [InlineData("https://localhost/hooks")]
    [InlineData("https://LOCALHOST./hooks")]
    [InlineData("https://api.localhost/hooks")]
    [InlineData("https://metadata.google.internal/computeMetadata/v1/")]
    [InlineData("https://printer.local/hooks")]
    [InlineData("https://intranet/hooks")]
    [InlineData("http://127.0.0.1:5000/hooks")]
    [InlineData("http://localhost:5000/hooks")]
    public void GivenAPrivateOrInternalTarget_WhenPrivateTargetsAreNotAllowed_ThenItIsUrlNotAllowed(string url)
    {
        var error = Subscribing.ValidateUrl(url, allowInsecureLoopback: true, allowPrivateTargets: false);
        var decision = Decide(null, Create(url: url));

        Assert.NotNull(error);
        Assert.Equal(("url", WebhookErrorCodes.UrlNotAllowed), (error.Field, error.Code));
        Assert.Null(Subscribing.ValidateUrl(url, allowInsecureLoopback: true, allowPrivateTargets: true));
        Assert.Null(decision.Subscription);
        Assert.Contains(decision.Errors, e => e.Code is WebhookErrorCodes.UrlNotAllowed or WebhookErrorCodes.InvalidUrl);
    }

    [Fact]
    public void GivenTheDefaultOptions_ThenPrivateTargetsAreNotAllowed() => Assert.False(Options.AllowPrivateTargets);

    [Fact]
    public void GivenATooLongUrl_WhenValidated_ThenItIsInvalidUrl() =>
        Assert.Equal(WebhookErrorCodes.InvalidUrl, Subscribing.ValidateUrl("https://partner.example/" + new string('a', 2100), false, false)?.Code);

    [Fact]
    public void GivenNoSubscriptions_WhenAValidOneIsCreated_ThenItIsActiveAndTheOwnerListsIt()
    {
        var decision = Decide(null, Create(eventTypes: [WebhookEventTypes.WorkspaceActivated, WebhookEventTypes.WorkspaceActivated, WebhookEventTypes.BillingAccountOpened]));

        Assert.Empty(decision.Errors);
        var subscription = decision.Subscription!;
        Assert.Equal(SubscriptionId, subscription.Id);
        Assert.Equal([WebhookEventTypes.WorkspaceActivated, WebhookEventTypes.BillingAccountOpened], subscription.EventTypes);
        Assert.Equal([WorkspaceId], subscription.WorkspaceIds);
        Assert.Equal(Now, subscription.CreatedAt);
        Assert.True(subscription.IsActive);
        Assert.Equal(WebhookSubscriptionStatuses.Active, subscription.ToDetails().Status);
        Assert.Equal(new[] { SubscriptionId }, decision.Owner!.ActiveSubscriptionIds);
    }

    [Fact]
    public void WhenAnUnknownEventTypeIsAskedFor_ThenItIsInvalidEventTypeNamingIt()
    {
        var decision = Decide(null, Create(eventTypes: [WebhookEventTypes.WorkspaceActivated, "workspace.exploded"]));

        Assert.Null(decision.Subscription);
        var error = Assert.Single(decision.Errors);
        Assert.Equal(WebhookErrorCodes.InvalidEventType, error.Code);
        Assert.Contains("workspace.exploded", error.Message);
    }

    [Fact]
    public void WhenNoEventTypeIsAskedFor_ThenItIsInvalidEventType() =>
        Assert.Equal(WebhookErrorCodes.InvalidEventType, Assert.Single(Decide(null, Create(eventTypes: [])).Errors).Code);

    [Fact]
    public void WhenNoWorkspaceIsNamed_ThenItIsInvalidWorkspaceScope() =>
        Assert.Equal(WebhookErrorCodes.InvalidWorkspaceScope, Assert.Single(Decide(null, Create(workspaces: [])).Errors).Code);

    [Fact]
    public void WhenEverythingIsWrong_ThenEachFieldGetsItsError()
    {
        var decision = Decide(null, Create(url: "http://partner.example", eventTypes: ["nope"], workspaces: [], owner: ""));

        Assert.Equal(
            [WebhookErrorCodes.InvalidOwner, WebhookErrorCodes.InvalidUrl, WebhookErrorCodes.InvalidEventType, WebhookErrorCodes.InvalidWorkspaceScope],
            decision.Errors.Select(e => e.Code));
    }

    [Fact]
    public void GivenAnOwnerAtTheLimit_WhenAnotherIsCreated_ThenItIsTooManySubscriptions()
    {
        var owner = new WebhookOwner("partner-1", Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToArray());

        var decision = Decide(owner, Create());

        Assert.Null(decision.Subscription);
        Assert.Equal(WebhookErrorCodes.TooManySubscriptions, Assert.Single(decision.Errors).Code);
    }

    [Fact]
    public void GivenAnOwnerBelowTheLimit_WhenAnotherIsCreated_ThenItIsAddedToTheOwnersList()
    {
        var existing = Enumerable.Range(0, 19).Select(_ => Guid.NewGuid()).ToArray();

        var decision = Decide(new WebhookOwner("partner-1", existing), Create());

        Assert.Empty(decision.Errors);
        Assert.Equal([.. existing, SubscriptionId], decision.Owner!.ActiveSubscriptionIds);
    }

    [Fact]
    public void GivenAConfiguredLimit_WhenReached_ThenItIsTooManySubscriptions() =>
        Assert.Equal(WebhookErrorCodes.TooManySubscriptions,
            Assert.Single(Decide(new WebhookOwner("partner-1", [Guid.NewGuid()]), Create(), Options with { MaxSubscriptionsPerOwner = 1 }).Errors).Code);

    static readonly Guid ExistingId = Guid.Parse("99999999-2222-4333-8444-555555555555");

    /// <summary>An active subscription of partner-1 made by an earlier request, and the owner listing it with others.</summary>
    static (WebhookSubscription Existing, WebhookOwner Owner) GivenAnActiveSubscription(CreateWebhookSubscription asked, int othersOfTheOwner = 0)
    {
        var existing = Subscribing.Decide(null, [], asked, Options, ExistingId, "protected-earlier", Now.AddMinutes(-5)).Subscription!;
        var owner = new WebhookOwner(asked.OwnerId, [.. Enumerable.Range(0, othersOfTheOwner).Select(_ => Guid.NewGuid()), existing.Id]);
        return (existing, owner);
    }

    [Fact]
    public void GivenAnActiveSubscription_WhenTheSameIsAskedForAgain_ThenTheExistingOneIsTheAnswerAndNothingIsWritten()
    {
        var (existing, owner) = GivenAnActiveSubscription(Create(eventTypes: [WebhookEventTypes.WorkspaceActivated, WebhookEventTypes.WorkspaceFailed]));

        // A retry as a client may send it: the same set of event types in another order, repeated, the host in capitals.
        var decision = Decide(owner, Create(url: "https://PARTNER.example:443/hooks",
            eventTypes: [WebhookEventTypes.WorkspaceFailed, WebhookEventTypes.WorkspaceActivated, WebhookEventTypes.WorkspaceFailed]), known: [existing]);

        Assert.True(decision.Existing);
        Assert.Empty(decision.Errors);
        Assert.Same(existing, decision.Subscription);
        Assert.Null(decision.Owner);
    }

    [Fact]
    public void GivenAnOwnerAtTheLimit_WhenOneOfItsSubscriptionsIsAskedForAgain_ThenTheExistingOneIsTheAnswerNotTooMany()
    {
        var (existing, owner) = GivenAnActiveSubscription(Create(), othersOfTheOwner: Options.MaxSubscriptionsPerOwner - 1);

        var decision = Decide(owner, Create(), known: [existing]);

        Assert.True(decision.Existing);
        Assert.Equal(ExistingId, decision.Subscription!.Id);
        Assert.Empty(decision.Errors);
    }

    public static TheoryData<string, CreateWebhookSubscription> DifferentRequests => new()
    {
        { "another URL", Create(url: "https://partner.example/other-hooks") },
        { "another path case", Create(url: "https://partner.example/HOOKS") },
        { "more event types", Create(eventTypes: [WebhookEventTypes.WorkspaceActivated, WebhookEventTypes.WorkspaceFailed]) },
        { "other event types", Create(eventTypes: [WebhookEventTypes.WorkspaceFailed]) },
        { "other workspaces", Create(workspaces: [WorkspaceId, Guid.Parse("7f1d7f0e-6a43-4a5e-9d0f-0c3a3c1b2a11")]) },
    };

    [Theory]
    [MemberData(nameof(DifferentRequests))]
    public void GivenAnActiveSubscription_WhenSomethingElseIsAskedFor_ThenASecondSubscriptionIsCreated(string difference, CreateWebhookSubscription asked)
    {
        var (existing, owner) = GivenAnActiveSubscription(Create());

        var decision = Decide(owner, asked, known: [existing]);

        Assert.False(decision.Existing, difference);
        Assert.Equal(SubscriptionId, decision.Subscription!.Id);
        Assert.Equal([ExistingId, SubscriptionId], decision.Owner!.ActiveSubscriptionIds);
    }

    [Fact]
    public void GivenADeletedSubscription_WhenTheSameIsAskedForAgain_ThenANewOneIsCreated()
    {
        var (existing, owner) = GivenAnActiveSubscription(Create());
        var deleted = Subscribing.Decide(owner, existing, new DeleteWebhookSubscription { OwnerId = owner.Id, SubscriptionId = existing.Id }, Now);

        var decision = Decide(deleted.Owner, Create(), known: [deleted.Subscription!]);

        Assert.False(decision.Existing);
        Assert.Equal(SubscriptionId, decision.Subscription!.Id);
    }

    [Fact]
    public void GivenTheSameRequestAnotherOwnerMade_WhenAsked_ThenItIsNotTheAnswer()
    {
        var (existing, _) = GivenAnActiveSubscription(Create(owner: "partner-2"));

        var decision = Decide(null, Create(owner: "partner-1"), known: [existing]);

        Assert.False(decision.Existing);
        Assert.Equal(("partner-1", SubscriptionId), (decision.Subscription!.OwnerId, decision.Subscription.Id));
    }

    [Fact]
    public void GivenASubscriptionThisRequestCreatedAndThatWasDeletedSince_WhenTheRequestIsRedelivered_ThenThatOneIsTheAnswerAndNothingIsWritten()
    {
        var created = Decide(null, Create());
        var deleted = Subscribing.Decide(created.Owner, created.Subscription,
            new DeleteWebhookSubscription { OwnerId = "partner-1", SubscriptionId = SubscriptionId }, Now);

        // The same message again (its id gives the same subscription id), even though the owner could not create another now.
        var redelivered = Decide(deleted.Owner, Create(), Options with { MaxSubscriptionsPerOwner = 0 }, known: [deleted.Subscription!]);

        Assert.True(redelivered.Existing);
        Assert.Equal((SubscriptionId, false), (redelivered.Subscription!.Id, redelivered.Subscription.IsActive));
        Assert.Null(redelivered.Owner);
    }

    [Fact]
    public void GivenASubscription_WhenItsOwnerDeletesIt_ThenItIsDeletedAndLeavesTheOwnersList()
    {
        var created = Decide(null, Create());

        var deletion = Subscribing.Decide(created.Owner, created.Subscription,
            new DeleteWebhookSubscription { OwnerId = "partner-1", SubscriptionId = SubscriptionId }, Now.AddHours(1));

        Assert.Empty(deletion.Errors);
        Assert.Equal(Now.AddHours(1), deletion.Subscription!.DeletedAt);
        Assert.False(deletion.Subscription.Hears(WebhookEventTypes.WorkspaceActivated, WorkspaceId));
        Assert.Empty(deletion.Owner!.ActiveSubscriptionIds);
    }

    [Fact]
    public void GivenASubscription_WhenAnotherOwnerDeletesIt_ThenItIsNotFound()
    {
        var created = Decide(null, Create());

        var deletion = Subscribing.Decide(new WebhookOwner("partner-2", []), created.Subscription,
            new DeleteWebhookSubscription { OwnerId = "partner-2", SubscriptionId = SubscriptionId }, Now);

        Assert.Null(deletion.Subscription);
        Assert.Equal(WebhookErrorCodes.NotFound, Assert.Single(deletion.Errors).Code);
    }

    [Fact]
    public void GivenADeletedSubscription_WhenDeletedAgain_ThenItIsNotFound()
    {
        var created = Decide(null, Create());
        var command = new DeleteWebhookSubscription { OwnerId = "partner-1", SubscriptionId = SubscriptionId };
        var deleted = Subscribing.Decide(created.Owner, created.Subscription, command, Now);

        var again = Subscribing.Decide(deleted.Owner, deleted.Subscription, command, Now);

        Assert.Equal(WebhookErrorCodes.NotFound, Assert.Single(again.Errors).Code);
    }

    [Fact]
    public void ASubscriptionHearsOnlyItsEventTypesInItsWorkspaces()
    {
        var subscription = Decide(null, Create(eventTypes: [WebhookEventTypes.WorkspaceActivated])).Subscription!;

        Assert.True(subscription.Hears(WebhookEventTypes.WorkspaceActivated, WorkspaceId));
        Assert.False(subscription.Hears(WebhookEventTypes.WorkspaceFailed, WorkspaceId));
        Assert.False(subscription.Hears(WebhookEventTypes.WorkspaceActivated, Guid.NewGuid()));
    }

    [Fact]
    public void TheCatalogueHasTheIssuesEventTypesOnce()
    {
        Assert.Equal(
            ["workspace.activated", "workspace.failed", "workspace.suspended", "app.installed", "app.failed",
             "billing.account.opened", "billing.account.closed", "billing.account.credited", "billing.account.debited"],
            WebhookEventTypes.All);
        Assert.Equal(WebhookEventTypes.All.Count, WebhookEventTypes.All.Distinct().Count());
    }

    static readonly TimeSpan[] DefaultSchedule = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1)];

    [Fact]
    public void TheDefaultRetryScheduleIs5s30s2m10m1h() => Assert.Equal(DefaultSchedule, Options.RetrySchedule);

    [Fact]
    public void GivenAnEndpointThatKeepsFailing_ThenAttemptsFollowTheScheduleAndTheDeliveryFailsAfterTheLast()
    {
        var attempts = 0;
        var at = Now;
        var waits = new List<TimeSpan>();
        DeliveryOutcome outcome;
        do
        {
            outcome = DeliverySchedule.After(attempts, new AttemptResult(500, null), DefaultSchedule, at);
            attempts = outcome.Attempts;
            if (outcome.NextAttemptAt is { } next)
            {
                waits.Add(next - at);
                at = next;
            }
        } while (outcome.Status == WebhookDeliveryStatuses.Pending);

        Assert.Equal(DefaultSchedule, waits);
        Assert.Equal(WebhookDeliveryStatuses.Failed, outcome.Status);
        Assert.Equal(6, outcome.Attempts);
        Assert.Equal(500, outcome.ResponseStatus);
        Assert.Contains("500", outcome.Error);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(204)]
    [InlineData(299)]
    public void WhenTheEndpointAnswers2xx_ThenTheDeliveryIsDelivered(int status)
    {
        var outcome = DeliverySchedule.After(2, new AttemptResult(status, null), DefaultSchedule, Now);

        Assert.Equal(new DeliveryOutcome(WebhookDeliveryStatuses.Delivered, 3, Now, null, Now, status, null), outcome);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(404)]
    [InlineData(410)]
    [InlineData(503)]
    [InlineData(null)]
    public void WhenTheEndpointAnswersAnythingElse_ThenTheDeliveryIsRetried(int? status)
    {
        var outcome = DeliverySchedule.After(0, new AttemptResult(status, status is null ? "timed out" : null), DefaultSchedule, Now);

        Assert.Equal(WebhookDeliveryStatuses.Pending, outcome.Status);
        Assert.Equal(Now.AddSeconds(5), outcome.NextAttemptAt);
        Assert.Null(outcome.DeliveredAt);
    }

    [Fact]
    public void TheSignatureReproducesTheStandardWebhooksTestVector() =>
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
            WebhookSignature.Sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, """{"test": 2432232314}"""));

    [Fact]
    public void TheStandardWebhooksLibraryVerifiesOurSignatureAndRejectsATamperedBody()
    {
        var secret = WebhookSecrets.Generate();
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        const string body = """{"type":"workspace.activated","timestamp":"2026-12-04T12:00:00.000Z","data":{}}""";
        var headers = new HeaderDictionary
        {
            ["webhook-id"] = "delivery-1",
            ["webhook-timestamp"] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["webhook-signature"] = WebhookSignature.Sign(secret, "delivery-1", timestamp, body),
        };

        new StandardWebhook(secret).Verify(body, headers);
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(secret).Verify(body.Replace("{}", """{"x":1}"""), headers));
        Assert.Throws<WebhookVerificationException>(() => new StandardWebhook(WebhookSecrets.Generate()).Verify(body, headers));
    }

    [Fact]
    public void ASecretIsWhsecAndBase64Of32RandomBytes()
    {
        var secret = WebhookSecrets.Generate();

        Assert.StartsWith("whsec_", secret);
        Assert.Equal(32, WebhookSecrets.SigningKey(secret).Length);
        Assert.NotEqual(secret, WebhookSecrets.Generate());
    }

    [Fact]
    public void AProtectedSecretDecryptsOnlyForItsSubscription()
    {
        var secrets = new WebhookSecrets(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var secret = WebhookSecrets.Generate();

        var protectedSecret = secrets.Protect(SubscriptionId, secret);

        Assert.DoesNotContain(secret[6..], protectedSecret);
        Assert.Equal(secret, secrets.Unprotect(SubscriptionId, protectedSecret));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => secrets.Unprotect(Guid.NewGuid(), protectedSecret));
    }

    [Fact]
    public void ADeliveryIdDependsOnlyOnTheSubscriptionAndTheEvent()
    {
        var eventId = Guid.NewGuid();

        Assert.Equal(DeliveryId.For(SubscriptionId, eventId), DeliveryId.For(SubscriptionId, eventId));
        Assert.NotEqual(DeliveryId.For(SubscriptionId, eventId), DeliveryId.For(SubscriptionId, Guid.NewGuid()));
        Assert.NotEqual(DeliveryId.For(SubscriptionId, eventId), DeliveryId.For(Guid.NewGuid(), eventId));
    }

    [Fact]
    public void ThePayloadIsTypeTimestampAndCamelCaseData()
    {
        var body = WebhookPayload.Serialize("billing.account.opened", new DateTimeOffset(2026, 12, 4, 13, 0, 0, TimeSpan.FromHours(1)),
            new { WorkspaceId, WelcomeCredit = WebhookPayload.Money(5_000_000, "USD") });

        Assert.Equal(
            """{"type":"billing.account.opened","timestamp":"2026-12-04T12:00:00.000Z","data":{"workspaceId":""" + $"\"{WorkspaceId}\""
            + ""","welcomeCredit":{"amount":"5","currency":"USD"}}}""",
            body);
    }

    sealed record Item(DateTimeOffset CreatedAt, Guid Id);

    static readonly Item[] Items = Enumerable.Range(0, 5).Select(i => new Item(Now.AddMinutes(i), Guid.NewGuid())).ToArray();

    static (IReadOnlyList<Item> Items, WebhookPageInfo Info) Page(IEnumerable<Item> items, PageRequest request)
    {
        var (query, error) = WebhookPaging.Validate(request);
        Assert.Null(error);
        return WebhookPaging.Page(items, i => (i.CreatedAt, i.Id), query!);
    }

    [Fact]
    public void PagingForwardsWalksEveryItemOnceInOrder()
    {
        var first = Page(Items.Reverse(), new PageRequest(2, null, null, null));
        var second = Page(Items, new PageRequest(2, first.Info.EndCursor, null, null));
        var third = Page(Items, new PageRequest(2, second.Info.EndCursor, null, null));

        Assert.Equal<Item>(Items, [.. first.Items, .. second.Items, .. third.Items]);
        Assert.Equal((true, false), (first.Info.HasNextPage, first.Info.HasPreviousPage));
        Assert.Equal((true, true), (second.Info.HasNextPage, second.Info.HasPreviousPage));
        Assert.Equal((false, true), (third.Info.HasNextPage, third.Info.HasPreviousPage));
    }

    [Fact]
    public void PagingBackwardsWalksEveryItemOnceInOrder()
    {
        var last = Page(Items, new PageRequest(null, null, 2, null));
        var before = Page(Items, new PageRequest(null, null, 2, last.Info.StartCursor));
        var first = Page(Items, new PageRequest(null, null, 2, before.Info.StartCursor));

        Assert.Equal<Item>(Items, [.. first.Items, .. before.Items, .. last.Items]);
        Assert.Equal((false, true), (last.Info.HasNextPage, last.Info.HasPreviousPage));
        Assert.Equal((true, false), (first.Info.HasNextPage, first.Info.HasPreviousPage));
    }

    [Fact]
    public void GivenItemsAddedAndRemovedBetweenPages_ThenACursorStillContinuesWithoutGapsOrDuplicates()
    {
        var first = Page(Items, new PageRequest(2, null, null, null));
        var changed = Items.Where(i => i != Items[1]).Append(new Item(Now.AddMinutes(10), Guid.NewGuid())).ToList();

        var next = Page(changed, new PageRequest(10, first.Info.EndCursor, null, null));

        Assert.Equal<Item>([Items[2], Items[3], Items[4], changed[^1]], next.Items);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(0, null)]
    [InlineData(101, null)]
    [InlineData(10, 10)]
    [InlineData(null, 101)]
    public void GivenNeitherOrBothPageSizesOrOneOutOfRange_ThenItIsInvalidPagination(int? first, int? last)
    {
        var (query, error) = WebhookPaging.Validate(new PageRequest(first, null, last, null));

        Assert.Null(query);
        Assert.Equal(WebhookErrorCodes.InvalidPagination, error!.Code);
    }

    [Theory]
    [InlineData("not a cursor")]
    [InlineData("bm90LWEtY3Vyc29y")]
    public void GivenACursorThisListDidNotHandOut_ThenItIsInvalidCursor(string cursor) =>
        Assert.Equal(WebhookErrorCodes.InvalidCursor, WebhookPaging.Validate(new PageRequest(10, cursor, null, null)).Error!.Code);

    [Fact]
    public void ACursorRoundTripsItsKey()
    {
        var cursor = WebhookPaging.Cursor(Items[3].CreatedAt, Items[3].Id);

        Assert.Equal((Items[3].CreatedAt, Items[3].Id), WebhookPaging.Decode(cursor));
    }
}
