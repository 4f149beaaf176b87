using Marten;
using Platform.Billing.DeliveringWebhooks;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Platform.Billing.Webhooks;

/// <summary>Storage and services of webhook subscriptions and deliveries.</summary>
public static class WebhookRegistration
{
    /// <summary>The subscription documents and the deliveries table, created with the rest of billing's schema.</summary>
    public static void AddWebhookStorage(this StoreOptions options)
    {
        options.Schema.For<WebhookOwner>().Identity(x => x.Id).UseOptimisticConcurrency(true);
        options.Schema.For<WebhookSubscription>().Identity(x => x.Id).Index(x => x.OwnerId).Index(x => x.PartnerId);
        options.Schema.For<WorkspaceManager>().Identity(x => x.Id);

        var table = new Table(new PostgresqlObjectName(options.DatabaseSchemaName, WebhookDeliveries.TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("id").AsPrimaryKey();
        table.AddColumn<Guid>("subscription_id").NotNull();
        table.AddColumn<Guid>("event_id").NotNull();
        table.AddColumn("event_type", "text").NotNull();
        table.AddColumn<Guid>("workspace_id").NotNull();
        table.AddColumn("payload", "text").NotNull(); // text, not jsonb: the signed bytes must be sent unchanged on every attempt
        table.AddColumn("status", "text").NotNull();
        table.AddColumn<int>("attempts").NotNull();
        table.AddColumn("created_at", "timestamptz").NotNull();
        table.AddColumn("next_attempt_at", "timestamptz").NotNull();
        table.AddColumn<Guid>("claim_token").AllowNulls();
        table.AddColumn("last_attempt_at", "timestamptz").AllowNulls();
        table.AddColumn("delivered_at", "timestamptz").AllowNulls();
        table.AddColumn<int>("last_response_status").AllowNulls();
        table.AddColumn("last_error", "text").AllowNulls();
        table.Indexes.Add(new IndexDefinition("ix_webhook_deliveries_due") { Columns = ["next_attempt_at"], Predicate = "status = 'PENDING'" });
        table.Indexes.Add(new IndexDefinition("ix_webhook_deliveries_subscription") { Columns = ["subscription_id", "created_at", "id"] });
        options.Storage.ExtendedSchemaObjects.Add(table);
    }

    /// <summary>Options, secret protection, the non-redirecting, address-vetting HTTP client and the delivery loop.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        var options = WebhookOptions.From(configuration);
        services.AddSingleton(options);
        services.AddSingleton(WebhookSecrets.FromConfiguration(configuration));
        services.AddSingleton<WebhookDeliveries>();
        services.AddHttpClient(WebhookDeliveryWorker.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            // Vets every address the host resolves to and connects only to a vetted one (WebhookTargets).
            .ConfigurePrimaryHttpMessageHandler(() => WebhookTargets.CreateHandler(options))
            // Partners put tokens in their URLs; the worker logs each attempt by delivery and subscription id instead.
            .RemoveAllLoggers();
        services.AddHostedService<WebhookDeliveryWorker>();
        return services;
    }
}
