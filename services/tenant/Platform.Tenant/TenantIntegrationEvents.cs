using JasperFx.Events;
using Platform.Contracts.Billing;
using Platform.Contracts.Cluster;
using Platform.Infrastructure.Outbox;
using Platform.Tenant.DeletingWorkspaces;
using Platform.Tenant.Members;
using Platform.Tenant.Workspaces;
using Messages = Platform.Contracts.Tenants;

namespace Platform.Tenant;

/// <summary>The workspace stream's events as the other services hear them, commands of the onboarding and deletion sagas and member changes included.</summary>
public sealed class TenantIntegrationEvents : IIntegrationEventMap
{
    public object? ToIntegrationMessage(IEvent committed) => committed.Data switch
    {
        WorkspaceCreated e => new Messages.WorkspaceCreated
        {
            WorkspaceId = e.WorkspaceId, OwnerId = e.OwnerId, Name = e.Name, Slug = e.Slug, Namespace = e.Namespace, Region = e.Region, CreatedAt = e.CreatedAt,
            ManagedByPartnerId = e.ManagedByPartnerId,
        },
        WorkspaceProvisioningRequested e => new ProvisionWorkspace { WorkspaceId = e.WorkspaceId, Namespace = e.Namespace, Region = e.Region },
        WorkspaceAccountOpeningRequested e => new OpenBillingAccount { WorkspaceId = e.WorkspaceId, OwnerId = e.OwnerId },
        WorkspaceAccountClosingRequested e => new CloseBillingAccount { WorkspaceId = e.WorkspaceId, Reason = e.Reason },
        WorkspaceDeprovisioningRequested e => new DeprovisionWorkspace { WorkspaceId = e.WorkspaceId, Reason = e.Reason },
        WorkspaceActivated e => new Messages.WorkspaceActivated { WorkspaceId = e.WorkspaceId, ActivatedAt = e.ActivatedAt },
        WorkspaceFailed e => new Messages.WorkspaceFailed { WorkspaceId = e.WorkspaceId, Reason = e.Reason, FailedAt = e.FailedAt },
        WorkspaceDeletionRequested e => new Messages.WorkspaceDeletionRequested
        {
            WorkspaceId = e.WorkspaceId, RequestedBy = e.RequestedBy, Namespace = e.Namespace, RequestedAt = e.RequestedAt,
        },
        DeletionBillingStopRequested e => new StopBilling { WorkspaceId = e.WorkspaceId, StoppedAt = e.StoppedAt, Reason = WorkspaceDeletionStateMachine.Reason },
        DeletionDeprovisioningRequested e => new DeprovisionWorkspace { WorkspaceId = e.WorkspaceId, Reason = e.Reason },
        DeletionAccountClosingRequested e => new CloseBillingAccount { WorkspaceId = e.WorkspaceId, Reason = e.Reason },
        WorkspaceDeleted e => new Messages.WorkspaceDeleted { WorkspaceId = e.WorkspaceId, DeletedAt = e.DeletedAt },
        MemberAdded e => new Messages.WorkspaceMemberAdded
        {
            WorkspaceId = e.WorkspaceId, UserId = e.UserId, Role = e.Role, Namespace = e.Namespace, Version = committed.Version,
        },
        MemberRoleChanged e => new Messages.WorkspaceMemberRoleChanged
        {
            WorkspaceId = e.WorkspaceId, UserId = e.UserId, Role = e.Role, PreviousRole = e.PreviousRole, Namespace = e.Namespace,
            Version = committed.Version,
        },
        MemberRemoved e => new Messages.WorkspaceMemberRemoved
        {
            WorkspaceId = e.WorkspaceId, UserId = e.UserId, PreviousRole = e.PreviousRole, Namespace = e.Namespace, Version = committed.Version,
        },
        OwnershipTransferred e => new Messages.WorkspaceOwnershipTransferred
        {
            WorkspaceId = e.WorkspaceId, PreviousOwnerId = e.PreviousOwnerId, NewOwnerId = e.NewOwnerId, Namespace = e.Namespace,
            Version = committed.Version,
        },
        _ => null,
    };
}
