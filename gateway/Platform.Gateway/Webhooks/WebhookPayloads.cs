using GraphQL.Types;
using Platform.Contracts;
using Platform.Contracts.Billing;
using Platform.Gateway.Schema;

namespace Platform.Gateway.Webhooks;

/// <summary>The arguments of the webhook mutations (ids as strings; an id that does not parse is NOT_FOUND).</summary>
public sealed class WebhookInput
{
    public string PartnerId { get; set; } = "";
    public string SubscriptionId { get; set; } = "";
    public string Url { get; set; } = "";
    public List<string> EventTypes { get; set; } = [];
    public string? Description { get; set; }
}

public sealed class CreateWebhookSubscriptionInputType : InputObjectGraphType<WebhookInput>
{
    public CreateWebhookSubscriptionInputType()
    {
        Name = "CreateWebhookSubscriptionInput";
        Description = "A webhook subscription of a partner: events of every workspace it manages, POSTed to url.";
        Field<NonNullGraphType<IdGraphType>>("partnerId").Description("The partner.");
        Field<NonNullGraphType<StringGraphType>>("url")
            .Description("Where events are POSTed: an absolute https URL without user name or password (at most 2,048 characters) to a " +
                         "public host; private, loopback, link-local and internal addresses or names are refused (URL_NOT_ALLOWED).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("eventTypes")
            .Description($"One or more of: {string.Join(", ", WebhookEventTypes.All)}.");
        Field<StringGraphType>("description").Description("Free text for the partner (at most 500 characters).");
    }
}

public sealed class DeleteWebhookSubscriptionInputType : InputObjectGraphType<WebhookInput>
{
    public DeleteWebhookSubscriptionInputType()
    {
        Name = "DeleteWebhookSubscriptionInput";
        Description = "The webhook subscription to delete.";
        Field<NonNullGraphType<IdGraphType>>("partnerId").Description("The partner.");
        Field<NonNullGraphType<IdGraphType>>("subscriptionId").Description("The subscription's id.");
    }
}

/// <summary>What the webhook mutations return.</summary>
public sealed record WebhookPayload(IReadOnlyList<UserError> UserErrors)
{
    public WebhookSubscriptionDetails? Subscription { get; init; }
    public string? SigningSecret { get; init; }
    public Guid? DeletedSubscriptionId { get; init; }

    /// <summary>
    /// Billing's errors as the mutation's: fields named after the GraphQL input (the owner and workspace scope are the
    /// gateway's business, so they name none).
    /// </summary>
    public static IReadOnlyList<UserError> Map(IReadOnlyList<UserError> errors) =>
        errors.Select(e => e with { Field = e.Field is "url" or "eventTypes" or "description" or "subscriptionId" ? e.Field : null }).ToList();
}

public sealed class CreateWebhookSubscriptionPayloadType : ObjectGraphType<WebhookPayload>
{
    public CreateWebhookSubscriptionPayloadType()
    {
        Name = "CreateWebhookSubscriptionPayload";
        Description = "The result of createWebhookSubscription: the subscription (new, or the existing one when the request was repeated) and its signing secret, shown only here.";
        Field<WebhookSubscriptionType, WebhookSubscriptionDetails?>("webhookSubscription").Description("The subscription; null when it failed.")
            .Resolve(c => c.Source.Subscription);
        Field<StringGraphType, string?>("signingSecret")
            .Description("The Standard Webhooks secret (whsec_...): verify each POST's webhook-signature, an HMAC-SHA256 of " +
                         "'{webhook-id}.{webhook-timestamp}.{body}' keyed with the base64-decoded part after 'whsec_'. Shown only here.")
            .Resolve(c => c.Source.SigningSecret);
        this.UserErrorsField("Why it failed (INVALID_URL, URL_NOT_ALLOWED, INVALID_EVENT_TYPE, INVALID_DESCRIPTION, TOO_MANY_SUBSCRIPTIONS, PARTNER_NOT_ACTIVE); empty on success.", p => p.UserErrors);
    }
}

public sealed class DeleteWebhookSubscriptionPayloadType : ObjectGraphType<WebhookPayload>
{
    public DeleteWebhookSubscriptionPayloadType()
    {
        Name = "DeleteWebhookSubscriptionPayload";
        Description = "The result of deleteWebhookSubscription; its pending deliveries are cancelled.";
        Field<IdGraphType, Guid?>("deletedSubscriptionId").Description("The deleted subscription's id; null when it failed.")
            .Resolve(c => c.Source.DeletedSubscriptionId);
        this.UserErrorsField("Why it failed (NOT_FOUND, also for another partner's subscription); empty on success.", p => p.UserErrors);
    }
}
