using Platform.Contracts.Tenants;
using Platform.Tenant.Inviting;
using Platform.Tenant.ManagingMembers;
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

    /// <summary>
    /// Resending the OWNER invitation of a customer workspace that nobody owns yet (the customer never accepted, the code
    /// expired or was lost): a fresh invitation for the same e-mail with a fresh code and expiry, and every earlier OWNER
    /// invitation still open (pending, expired or not) superseded, so its code can no longer be accepted.
    /// </summary>
    /// <remarks>
    /// The inputs are the states fetched for writing (their versions are checked on save), and the decision ends with
    /// <see cref="OwnerInvitationResent"/> on the workspace stream, so a concurrent accept or resend makes the save fail and
    /// the retry decides again on fresh state.
    /// </remarks>
    /// <param name="ownerInvitations">The workspace's OWNER invitations, in any order.</param>
    /// <param name="alreadyResent">Whether this very request (its message id) was handled before: a redelivery issues nothing new.</param>
    /// <returns>The <see cref="InvitationSuperseded"/> events (each for its invitation's stream), the new invitation's
    /// <see cref="MemberInvited"/> and the workspace's <see cref="OwnerInvitationResent"/>.</returns>
    public static IReadOnlyList<object> ResendOwnerInvitation(Workspace? workspace, Guid partnerId, IReadOnlyList<Invitation> ownerInvitations,
        bool alreadyResent, Guid invitationId, string codeHash, DateTimeOffset now, TimeSpan lifetime)
    {
        if (workspace is null || workspace.ManagedByPartnerId != partnerId)
            throw new DomainRuleViolated(TeamErrors.NotAllowed, "Only the partner that manages a workspace may resend its owner invitation.", "workspaceId");
        if (alreadyResent)
            throw new DomainRuleViolated(TeamErrors.AlreadyInvited, "This request was already handled; its code was shown in its first answer.", "workspaceId");
        MemberDecisions.EnsureNotDeleted(workspace);
        if (workspace.OwnerId is not null || ownerInvitations.Any(i => i.Status == InvitationStatuses.Accepted))
            throw new DomainRuleViolated(TeamErrors.AlreadyHasOwner, "The customer already accepted: this workspace has its owner.", "workspaceId");
        var latest = ownerInvitations.OrderBy(i => i.CreatedAt).LastOrDefault()
            ?? throw new DomainRuleViolated(TeamErrors.InvitationNotFound, "This workspace has no owner invitation to resend.", "workspaceId");
        return
        [
            .. ownerInvitations.Where(i => i.Status == InvitationStatuses.Pending)
                .Select(i => new InvitationSuperseded(i.Id, workspace.Id, invitationId, partnerId, now)),
            new MemberInvited(invitationId, workspace.Id, workspace.Name, latest.Email, WorkspaceRoles.Owner, codeHash, partnerId, now, now + lifetime),
            new OwnerInvitationResent(workspace.Id, invitationId, partnerId, now),
        ];
    }

    /// <summary>Accepting an OWNER invitation is possible only while the workspace is a partner's and still has no owner.</summary>
    public static void EnsureOwnerInvitationAcceptable(Invitation invitation, Workspace workspace)
    {
        if (invitation.Role == WorkspaceRoles.Owner && (workspace.ManagedByPartnerId is null || workspace.OwnerId is not null))
            throw new DomainRuleViolated(TeamErrors.NotAllowed, "This workspace already has an owner.", "code");
    }
}
