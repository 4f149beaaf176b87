using Marten;
using Npgsql;
using Platform.Contracts.Billing;

namespace Platform.Billing.DeliveringWebhooks;

/// <summary>A delivery to create for one subscription and one event.</summary>
public sealed record ScheduledDelivery(
    Guid Id, Guid SubscriptionId, Guid EventId, string EventType, Guid WorkspaceId, string Payload, DateTimeOffset CreatedAt);

/// <summary>A delivery this replica has claimed until its lease ends; only the holder of <see cref="ClaimToken"/> records its outcome.</summary>
public sealed record ClaimedDelivery(Guid Id, Guid SubscriptionId, string EventType, Guid WorkspaceId, string Payload, int Attempts, Guid ClaimToken);

/// <summary>
/// Deliveries live in their own table of the billing schema (webhook_deliveries), so that replicas can claim due ones
/// with SELECT ... FOR UPDATE SKIP LOCKED: a claim moves next_attempt_at to the end of a lease, and a replica that
/// dies while sending gives the delivery back when the lease ends. Times are passed in, never read from the database.
/// </summary>
public sealed class WebhookDeliveries(IDocumentStore store, NpgsqlDataSource dataSource)
{
    public const string TableName = "webhook_deliveries";

    string Table => Qualified(store.Options.DatabaseSchemaName);

    static string Qualified(string schema) => $"\"{schema}\".{TableName}";

    /// <summary>Queues the insert in the consumer's transaction; a delivery that exists already is left as it is.</summary>
    public static void Schedule(IDocumentSession session, ScheduledDelivery delivery) =>
        session.QueueSqlCommand(
            $"insert into {Qualified(session.DocumentStore.Options.DatabaseSchemaName)} " +
            "(id, subscription_id, event_id, event_type, workspace_id, payload, status, attempts, created_at, next_attempt_at) " +
            "values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?) on conflict (id) do nothing",
            delivery.Id, delivery.SubscriptionId, delivery.EventId, delivery.EventType, delivery.WorkspaceId, delivery.Payload,
            WebhookDeliveryStatuses.Pending, delivery.CreatedAt.ToUniversalTime(), delivery.CreatedAt.ToUniversalTime());

    /// <summary>Queues cancelling the subscription's pending deliveries (a claimed one's outcome is then ignored).</summary>
    public static void CancelPending(IDocumentSession session, Guid subscriptionId, DateTimeOffset now) =>
        session.QueueSqlCommand(
            $"update {Qualified(session.DocumentStore.Options.DatabaseSchemaName)} " +
            "set status = ?, claim_token = null, next_attempt_at = ? where subscription_id = ? and status = ?",
            WebhookDeliveryStatuses.Cancelled, now.ToUniversalTime(), subscriptionId, WebhookDeliveryStatuses.Pending);

    /// <summary>Claims up to <paramref name="batchSize"/> due deliveries that no other replica holds.</summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int batchSize, CancellationToken cancellationToken)
    {
        var token = Guid.NewGuid();
        await using var command = dataSource.CreateCommand(
            $"update {Table} d set next_attempt_at = @leaseEnd, claim_token = @token " +
            $"where d.id in (select id from {Table} where status = @pending and next_attempt_at <= @now " +
            "order by next_attempt_at limit @batch for update skip locked) " +
            "returning d.id, d.subscription_id, d.event_type, d.workspace_id, d.payload, d.attempts");
        command.Parameters.AddWithValue("leaseEnd", (now + lease).ToUniversalTime());
        command.Parameters.AddWithValue("token", token);
        command.Parameters.AddWithValue("pending", WebhookDeliveryStatuses.Pending);
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        command.Parameters.AddWithValue("batch", batchSize);
        var claimed = new List<ClaimedDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            claimed.Add(new ClaimedDelivery(reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetGuid(3), reader.GetString(4),
                reader.GetInt32(5), token));
        return claimed;
    }

    /// <summary>Records an attempt's outcome, unless the claim was lost (lease ended, subscription deleted).</summary>
    public async Task<bool> RecordAsync(ClaimedDelivery delivery, DeliveryOutcome outcome, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"update {Table} set status = @status, attempts = @attempts, next_attempt_at = @next, claim_token = null, " +
            "last_attempt_at = @attemptedAt, delivered_at = @deliveredAt, last_response_status = @responseStatus, last_error = @error " +
            "where id = @id and claim_token = @token");
        command.Parameters.AddWithValue("status", outcome.Status);
        command.Parameters.AddWithValue("attempts", outcome.Attempts);
        command.Parameters.AddWithValue("next", (outcome.NextAttemptAt ?? outcome.AttemptedAt).ToUniversalTime());
        command.Parameters.AddWithValue("attemptedAt", outcome.AttemptedAt.ToUniversalTime());
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("deliveredAt", outcome.DeliveredAt?.ToUniversalTime()));
        command.Parameters.Add(new NpgsqlParameter<int?>("responseStatus", outcome.ResponseStatus));
        command.Parameters.Add(new NpgsqlParameter<string?>("error", outcome.Error));
        command.Parameters.AddWithValue("id", delivery.Id);
        command.Parameters.AddWithValue("token", delivery.ClaimToken);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Marks a claimed delivery cancelled (its subscription is gone).</summary>
    public async Task CancelAsync(ClaimedDelivery delivery, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"update {Table} set status = @cancelled, claim_token = null, next_attempt_at = @now where id = @id and claim_token = @token");
        command.Parameters.AddWithValue("cancelled", WebhookDeliveryStatuses.Cancelled);
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        command.Parameters.AddWithValue("id", delivery.Id);
        command.Parameters.AddWithValue("token", delivery.ClaimToken);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// A page of a subscription's deliveries, newest first by (created_at, id): forwards from <paramref name="after"/>
    /// (First) or backwards from <paramref name="before"/> (Last).
    /// </summary>
    public async Task<(IReadOnlyList<WebhookDeliveryDetails> Items, bool HasMoreInDirection, bool HasMoreBehind, int TotalCount)> PageAsync(
        Guid subscriptionId, bool forwards, int size, (DateTimeOffset CreatedAt, Guid Id)? from, CancellationToken cancellationToken)
    {
        // Newest first: forwards means towards older rows, i.e. keys below the cursor in descending order.
        var ahead = forwards ? "<" : ">";
        var behind = forwards ? ">" : "<";
        var order = forwards ? "desc" : "asc";
        var keyFilter = from is null ? "" : $" and (created_at, id) {ahead} (@cursorAt, @cursorId)";
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "select id, subscription_id, event_id, event_type, workspace_id, status, attempts, created_at, last_attempt_at, next_attempt_at, " +
            $"delivered_at, last_response_status, last_error from {Table} where subscription_id = @subscription{keyFilter} " +
            $"order by created_at {order}, id {order} limit @limit"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(from is null
            ? "select false"
            : $"select exists (select 1 from {Table} where subscription_id = @subscription and (created_at, id) {behind} (@cursorAt, @cursorId))"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"select count(*) from {Table} where subscription_id = @subscription"));
        foreach (NpgsqlBatchCommand command in batch.BatchCommands)
        {
            command.Parameters.AddWithValue("subscription", subscriptionId);
            command.Parameters.AddWithValue("limit", size + 1);
            if (from is { } cursor)
            {
                command.Parameters.AddWithValue("cursorAt", cursor.CreatedAt.ToUniversalTime());
                command.Parameters.AddWithValue("cursorId", cursor.Id);
            }
        }

        var items = new List<WebhookDeliveryDetails>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var status = reader.GetString(5);
            items.Add(new WebhookDeliveryDetails
            {
                Id = reader.GetGuid(0),
                SubscriptionId = reader.GetGuid(1),
                EventId = reader.GetGuid(2),
                EventType = reader.GetString(3),
                WorkspaceId = reader.GetGuid(4),
                Status = status,
                Attempts = reader.GetInt32(6),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(7),
                LastAttemptAt = reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
                NextAttemptAt = status == WebhookDeliveryStatuses.Pending ? reader.GetFieldValue<DateTimeOffset>(9) : null,
                DeliveredAt = reader.IsDBNull(10) ? null : reader.GetFieldValue<DateTimeOffset>(10),
                LastResponseStatus = reader.IsDBNull(11) ? null : reader.GetInt32(11),
                LastError = reader.IsDBNull(12) ? null : reader.GetString(12),
            });
        }
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var hasMoreBehind = reader.GetBoolean(0);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = (int)reader.GetInt64(0);

        var hasMoreInDirection = items.Count > size;
        var page = items.Take(size).ToList();
        if (!forwards)
            page.Reverse();
        return (page, hasMoreInDirection, hasMoreBehind, total);
    }
}
