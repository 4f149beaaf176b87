namespace Platform.Tenant.Workspaces;

/// <summary>
/// A workspace was created and waits to be provisioned: by its owner, or by a partner for a customer (ManagedByPartnerId), in
/// which case it has no owner (OwnerId null) until the customer accepts the owner invitation.
/// </summary>
public sealed record WorkspaceCreated(Guid WorkspaceId, Guid? OwnerId, string Name, string Slug, string Namespace, string Region, DateTimeOffset CreatedAt,
    Guid? ManagedByPartnerId = null);

/// <summary>Onboarding asked the cluster service for the namespace.</summary>
public sealed record WorkspaceProvisioningRequested(Guid WorkspaceId, string Namespace, string Region);

/// <summary>Onboarding asked billing to open the account.</summary>
public sealed record WorkspaceAccountOpeningRequested(Guid WorkspaceId, Guid OwnerId);

/// <summary>Compensation: onboarding asked billing to close the account.</summary>
public sealed record WorkspaceAccountClosingRequested(Guid WorkspaceId, string Reason);

/// <summary>Compensation: onboarding asked the cluster service to remove the namespace.</summary>
public sealed record WorkspaceDeprovisioningRequested(Guid WorkspaceId, string Reason);

/// <summary>The workspace is ready to use.</summary>
public sealed record WorkspaceActivated(Guid WorkspaceId, DateTimeOffset ActivatedAt);

/// <summary>Onboarding failed and was undone.</summary>
public sealed record WorkspaceFailed(Guid WorkspaceId, string Reason, DateTimeOffset FailedAt);

/// <summary>The owner asked for the workspace to be deleted; the deletion saga takes it from here. Billing stops at RequestedAt.</summary>
public sealed record WorkspaceDeletionRequested(Guid WorkspaceId, Guid RequestedBy, string Namespace, DateTimeOffset RequestedAt);

/// <summary>The workspace's apps, namespace and account are gone; it stays readable (DELETED) and its slug stays reserved.</summary>
public sealed record WorkspaceDeleted(Guid WorkspaceId, DateTimeOffset DeletedAt);

/// <summary>Reserves a slug (the document id) for one workspace.</summary>
public sealed record SlugClaim(string Id, Guid WorkspaceId);

/// <summary>
/// The partner resent the OWNER invitation of its customer workspace (resendCustomerInvitation). Changes nothing in the
/// workspace: it advances the workspace stream's version, so a concurrent accept or resend that read the workspace before
/// fails to save and decides again.
/// </summary>
public sealed record OwnerInvitationResent(Guid WorkspaceId, Guid InvitationId, Guid PartnerId, DateTimeOffset ResentAt);
