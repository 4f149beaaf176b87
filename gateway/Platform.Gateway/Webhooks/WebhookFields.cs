using GraphQL;
using GraphQL.Types;
using Platform.Contracts;
using Platform.Contracts.Billing;
using Platform.Contracts.Tenants;
using Platform.Gateway.Auth;
using Platform.Gateway.Authorization;
using Platform.Gateway.Connections;
using Platform.Gateway.Partners;
using Platform.Gateway.Services;

namespace Platform.Gateway.Webhooks;

/// <summary>
/// A partner's webhook subscriptions, kept by billing: created, listed and deleted through the gateway, each authorized by
/// <see cref="PartnerAccess"/> (ManageWebhooks to change, ReadWebhooks to list). Billing owns them as "partner:{id}" and
/// scopes them to the partner, so they hear every workspace it manages, including those it creates later.
/// </summary>
public static class WebhookFields
{
    /// <summary>The owner id billing keeps a partner's subscriptions under.</summary>
    public static string OwnerOf(Guid partnerId) => $"partner:{partnerId:D}";

    public static void AddWebhookQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>, IReadOnlyList<string>>("webhookEventTypes")
            .Description("The event types a webhook subscription can ask for (the same for everyone; no credentials needed).")
            .Resolve(_ => WebhookEventTypes.All);

    public static void AddWebhookMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CreateWebhookSubscriptionPayloadType>, WebhookPayload>("createWebhookSubscription")
            .Description("Subscribe a URL to events of every workspace the partner manages (partner ADMINs, or keys with webhooks:write). " +
                         "Safe to retry: asking again for the same URL and event types gets the existing subscription, not a second one, " +
                         "and its signing secret only if the same key or user created it. The secret is shown only in this payload.")
            .Argument<NonNullGraphType<CreateWebhookSubscriptionInputType>>("input", "The partner, the URL, the event types and a description.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<WebhookInput>("input");
                var partnerId = PartnerFields.PartnerId(input.PartnerId);
                var partner = await PartnerAccess.RequireAsync(c, partnerId, PartnerPermission.ManageWebhooks);
                if (partner.Status != PartnerStatuses.Active)
                    return new WebhookPayload(
                    [
                        new UserError { Code = PartnerErrors.PartnerNotActive, Message = "Only an ACTIVE partner can subscribe to webhooks." },
                    ]);
                var result = await Ask<CreateWebhookSubscription, CreateWebhookSubscriptionResult>(c, new CreateWebhookSubscription
                {
                    OwnerId = OwnerOf(partnerId), PartnerId = partnerId, Url = input.Url, EventTypes = input.EventTypes, Description = input.Description,
                    RequestedBy = c.Caller().Id,
                });
                return new WebhookPayload(WebhookPayload.Map(result.Errors)) { Subscription = result.Subscription, SigningSecret = result.SigningSecret };
            });

        mutation.Field<NonNullGraphType<DeleteWebhookSubscriptionPayloadType>, WebhookPayload>("deleteWebhookSubscription")
            .Description("Delete a webhook subscription of the partner (partner ADMINs, or keys with webhooks:write); pending deliveries are cancelled.")
            .Argument<NonNullGraphType<DeleteWebhookSubscriptionInputType>>("input", "The partner and the subscription.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<WebhookInput>("input");
                var partnerId = PartnerFields.PartnerId(input.PartnerId);
                await PartnerAccess.RequireAsync(c, partnerId, PartnerPermission.ManageWebhooks);
                var result = await Ask<DeleteWebhookSubscription, DeleteWebhookSubscriptionResult>(c, new DeleteWebhookSubscription
                {
                    OwnerId = OwnerOf(partnerId), SubscriptionId = Guid.TryParse(input.SubscriptionId, out var id) ? id : Guid.Empty,
                });
                return new WebhookPayload(WebhookPayload.Map(result.Errors)) { DeletedSubscriptionId = result.DeletedSubscriptionId };
            });
    }

    /// <summary>Partner.webhookSubscriptions.</summary>
    public static void AddWebhookSubscriptions(this ObjectGraphType<PartnerDetails> partner) =>
        partner.GatedConnectionField<PartnerDetails, WebhookSubscriptionType, WebhookSubscriptionDetails>("webhookSubscriptions")
            .Description("The partner's active webhook subscriptions, oldest first. Partner members, keys with webhooks:write, platform admins (read only).")
            .ResolveAsync(async c =>
            {
                await PartnerAccess.RequireAsync(c, c.Source.Id, PartnerPermission.ReadWebhooks);
                var page = c.PageRequest();
                // An owner has a few subscriptions (Platform:Webhooks:MaxSubscriptionsPerOwner): all of them, paged here.
                var all = new List<WebhookSubscriptionDetails>();
                string? after = null;
                do
                {
                    var billingPage = await Ask<ListWebhookSubscriptions, WebhookSubscriptionPage>(c, new ListWebhookSubscriptions
                    {
                        OwnerId = OwnerOf(c.Source.Id), First = ConnectionFields.MaxPageSize, After = after,
                    });
                    ThrowOn(billingPage.Errors);
                    all.AddRange(billingPage.Edges.Select(e => e.Node));
                    after = billingPage.PageInfo.HasNextPage ? billingPage.PageInfo.EndCursor : null;
                } while (after is not null);
                return Connection<WebhookSubscriptionDetails>.Slice(all.Where(s => s.PartnerId == c.Source.Id), WebhookSubscriptionType.CursorKey, page);
            });

    /// <summary>WebhookSubscription.deliveries: authorized again for the subscription's partner, paged by billing.</summary>
    internal static async Task<Connection<WebhookDeliveryDetails>> DeliveriesAsync(IResolveFieldContext<WebhookSubscriptionDetails> c)
    {
        var partnerId = c.Source.PartnerId ?? throw PartnerAccess.NotFound();
        await PartnerAccess.RequireAsync(c, partnerId, PartnerPermission.ReadWebhooks);
        var page = c.PageRequest();
        var result = await Ask<ListWebhookDeliveries, WebhookDeliveryPage>(c, new ListWebhookDeliveries
        {
            OwnerId = OwnerOf(partnerId), SubscriptionId = c.Source.Id,
            First = page.First, After = BillingCursor(page.After), Last = page.Last, Before = BillingCursor(page.Before),
        });
        ThrowOn(result.Errors);
        if (!result.Found)
            throw new ExecutionError("No such webhook subscription.") { Code = GatewayErrors.NotFoundCode };
        var edges = result.Edges.Select(e => new Edge<WebhookDeliveryDetails>(Cursor.Encode(WebhookDeliveryType.CursorKey(e.Node)), e.Node)).ToList();
        return new Connection<WebhookDeliveryDetails>(edges,
            new PageInfo(result.PageInfo.HasNextPage, result.PageInfo.HasPreviousPage, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor),
            result.TotalCount);
    }

    static string? BillingCursor(CursorKey? key) => key is { } k ? WebhookCursors.Encode(k.CreatedAt, k.Id) : null;

    /// <summary>Paging errors billing found (e.g. `before` with `first`) as the field's error, with billing's code.</summary>
    static void ThrowOn(IReadOnlyList<UserError> errors)
    {
        if (errors.Count > 0)
            throw new ExecutionError(errors[0].Message) { Code = errors[0].Code };
    }

    static Task<TResponse> Ask<TRequest, TResponse>(IResolveFieldContext context, TRequest request) where TRequest : class where TResponse : class =>
        context.RequestServices!.GetRequiredService<ServiceRequests>().AskAsync<TRequest, TResponse>(request, context.CancellationToken);
}
