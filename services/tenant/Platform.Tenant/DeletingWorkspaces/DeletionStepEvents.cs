namespace Platform.Tenant.DeletingWorkspaces;

// The deletion saga's commands, as domain events on the workspace stream: appended in the saga's own transaction and
// sent by the event-log outbox (TenantIntegrationEvents). A step re-sent after its deadline appends a new one with
// the next Attempt, so the participant sees a new message, not a duplicate its inbox would drop.

/// <summary>Deletion asked billing to charge nothing after StoppedAt (the moment deletion was requested).</summary>
public sealed record DeletionBillingStopRequested(Guid WorkspaceId, DateTimeOffset StoppedAt, int Attempt);

/// <summary>Deletion asked the cluster service to remove the workspace's namespace.</summary>
public sealed record DeletionDeprovisioningRequested(Guid WorkspaceId, string Reason, int Attempt);

/// <summary>Deletion asked billing to close the account.</summary>
public sealed record DeletionAccountClosingRequested(Guid WorkspaceId, string Reason, int Attempt);
