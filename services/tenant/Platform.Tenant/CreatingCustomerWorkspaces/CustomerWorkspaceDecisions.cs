using Platform.Contracts.Tenants;
using Platform.Tenant.Inviting;
using Platform.Tenant.Members;
using Platform.Tenant.SigningUp;
using Platform.Tenant.Workspaces;

namespace Platform.Tenant.CreatingCustomerWorkspaces;

/// <summary>The rules of a partner's customer workspaces and of their OWNER invitation.</summary>
public static class CustomerWorkspaceDecisions
{
    /// <summary>
    /// The OWNER invitation of a customer workspace: only a workspace a partner created, and only while it has no owner.
    /// Any other workspace gets its owner from sign-up or a transfer.
    /// </summary>
    public static MemberInvited InviteOwner(Workspace workspace, Guid partnerId, string email, Guid invitationId, string codeHash,
        DateTimeOffset now, TimeSpan lifetime)
    {
        if (workspace.ManagedByPartnerId != partnerId)
            throw new DomainRuleViolated(TeamErrors.NotAllowed, "Only the partner that created a workspace may invite its owner.");
        if (workspace.OwnerId is not null)
            throw new DomainRuleViolated(TeamErrors.NotAllowed, "This workspace already has an owner.");
        if (Validation.Email(email).Any())
            throw new DomainRuleViolated(TeamErrors.InvalidEmail, "Enter a valid email address, like ada@example.com.", "customerEmail");
        return new MemberInvited(invitationId, workspace.Id, workspace.Name, Validation.NormalizeEmail(email), WorkspaceRoles.Owner, codeHash,
            partnerId, now, now + lifetime);
    }

    /// <summary>Accepting an OWNER invitation is possible only while the workspace is a partner's and still has no owner.</summary>
    public static void EnsureOwnerInvitationAcceptable(Invitation invitation, Workspace workspace)
    {
        if (invitation.Role == WorkspaceRoles.Owner && (workspace.ManagedByPartnerId is null || workspace.OwnerId is not null))
            throw new DomainRuleViolated(TeamErrors.NotAllowed, "This workspace already has an owner.", "code");
    }
}
