using Platform.Contracts.Tenants;

namespace Platform.Tenant.Inviting;

/// <summary>Someone was invited by email; only the SHA-256 of the single-use code is kept.</summary>
public sealed record MemberInvited(Guid InvitationId, Guid WorkspaceId, string WorkspaceName, string Email, string Role, string CodeHash,
    Guid InvitedBy, DateTimeOffset InvitedAt, DateTimeOffset ExpiresAt);

/// <summary>The invitee accepted and became a member.</summary>
public sealed record InvitationAccepted(Guid InvitationId, Guid WorkspaceId, Guid UserId, DateTimeOffset AcceptedAt);

/// <summary>The invitee said no.</summary>
public sealed record InvitationDeclined(Guid InvitationId, Guid WorkspaceId, Guid UserId, DateTimeOffset DeclinedAt);

/// <summary>A member who may manage the invitation's role withdrew it.</summary>
public sealed record InvitationRevoked(Guid InvitationId, Guid WorkspaceId, Guid RevokedBy, DateTimeOffset RevokedAt);

/// <summary>
/// The OWNER invitation of a customer workspace was replaced by a fresh one (resendCustomerInvitation): its code can no longer
/// be accepted (it reads as REVOKED).
/// </summary>
public sealed record InvitationSuperseded(Guid InvitationId, Guid WorkspaceId, Guid SupersededBy, Guid PartnerId, DateTimeOffset SupersededAt);

/// <summary>An invitation (its own stream); kept as an inline snapshot, found by code hash, workspace or email.</summary>
public sealed record Invitation(Guid Id, Guid WorkspaceId, string WorkspaceName, string Email, string Role, string CodeHash, Guid InvitedBy,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string Status)
{
    public static Invitation Create(MemberInvited e) =>
        new(e.InvitationId, e.WorkspaceId, e.WorkspaceName, e.Email, e.Role, e.CodeHash, e.InvitedBy, e.InvitedAt, e.ExpiresAt,
            InvitationStatuses.Pending);

    public Invitation Apply(InvitationAccepted e) => this with { Status = InvitationStatuses.Accepted };
    public Invitation Apply(InvitationDeclined e) => this with { Status = InvitationStatuses.Declined };
    public Invitation Apply(InvitationRevoked e) => this with { Status = InvitationStatuses.Revoked };
    public Invitation Apply(InvitationSuperseded e) => this with { Status = InvitationStatuses.Revoked };

    /// <summary>The status as of <paramref name="now"/>: a pending invitation past its expiry is EXPIRED.</summary>
    public string StatusAt(DateTimeOffset now) =>
        Status == InvitationStatuses.Pending && now >= ExpiresAt ? InvitationStatuses.Expired : Status;

    public InvitationDetails ToDetails(DateTimeOffset now) => new()
    {
        Id = Id, WorkspaceId = WorkspaceId, WorkspaceName = WorkspaceName, Email = Email, Role = Role, Status = StatusAt(now),
        InvitedBy = InvitedBy, CreatedAt = CreatedAt, ExpiresAt = ExpiresAt,
    };
}
