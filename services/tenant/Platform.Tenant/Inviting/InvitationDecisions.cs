using System.Security.Cryptography;
using System.Text;
using Platform.Contracts.Tenants;
using Platform.Tenant.ManagingMembers;
using Platform.Tenant.Members;
using Platform.Tenant.SigningUp;
using Platform.Tenant.Users;
using Platform.Tenant.Workspaces;

namespace Platform.Tenant.Inviting;

/// <summary>How long an invitation stays valid (Platform:Teams:InvitationLifetime, default 7 days).</summary>
public sealed record InvitationOptions(TimeSpan Lifetime)
{
    public static InvitationOptions From(IConfiguration configuration) =>
        new(configuration.GetValue("Platform:Teams:InvitationLifetime", TimeSpan.FromDays(7)));
}

/// <summary>Invitation codes: 256 random bits, base64url; stored only as their SHA-256.</summary>
public static class InvitationCodes
{
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>A code is long and random, so a fast hash is enough: it cannot be guessed from its hash.</summary>
    public static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim())));

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Pure decisions of the invitation lifecycle: invite, accept, decline, revoke.</summary>
public static class InvitationDecisions
{
    /// <param name="inviteeUserId">The user already registered with the email, if any.</param>
    /// <param name="alreadyInvited">Whether a pending, unexpired invitation for this email to this workspace exists.</param>
    public static MemberInvited Invite(Workspace workspace, Guid actorId, string email, string role, Guid? inviteeUserId, bool alreadyInvited,
        Guid invitationId, string codeHash, DateTimeOffset now, TimeSpan lifetime)
    {
        var actor = MemberDecisions.Actor(workspace, actorId);
        var invitedRole = Roles.Assignable(role);
        if (Validation.Email(email).FirstOrDefault() is { } invalid)
            throw new DomainRuleViolated(invalid.Code, invalid.Message, "email");
        if (!Roles.CanManage(actor.Role, invitedRole))
            throw new DomainRuleViolated(TeamErrors.NotAllowed, $"A {actor.Role} cannot invite a {invitedRole}.", "role");
        if (inviteeUserId is { } userId && workspace.MemberOf(userId) is not null)
            throw new DomainRuleViolated(TeamErrors.AlreadyMember, "This person is already a member of the workspace.", "email");
        if (alreadyInvited)
            throw new DomainRuleViolated(TeamErrors.AlreadyInvited, "This email already has a pending invitation; revoke it to send another.", "email");
        return new MemberInvited(invitationId, workspace.Id, workspace.Name, Validation.NormalizeEmail(email), invitedRole, codeHash, actorId,
            now, now + lifetime);
    }

    /// <summary>Accepting adds the user as a member with the invited role and uses the invitation up.</summary>
    public static IReadOnlyList<object> Accept(Invitation? invitation, Workspace? workspace, User user, DateTimeOffset now)
    {
        var open = Open(invitation, user, now);
        if (workspace is null)
            throw new DomainRuleViolated(TeamErrors.InvitationNotFound, "The workspace of this invitation no longer exists.", "code");
        if (workspace.MemberOf(user.Id) is not null)
            throw new DomainRuleViolated(TeamErrors.AlreadyMember, "You are already a member of this workspace.");
        MemberDecisions.EnsureNotDeleted(workspace);
        CreatingCustomerWorkspaces.CustomerWorkspaceDecisions.EnsureOwnerInvitationAcceptable(open, workspace);
        return
        [
            new InvitationAccepted(open.Id, open.WorkspaceId, user.Id, now),
            new MemberAdded(workspace.Id, user.Id, open.Role, workspace.Namespace, open.Id, now),
        ];
    }

    public static InvitationDeclined Decline(Invitation? invitation, User user, DateTimeOffset now)
    {
        var open = Open(invitation, user, now);
        return new InvitationDeclined(open.Id, open.WorkspaceId, user.Id, now);
    }

    /// <summary>Whoever may manage the invited role may revoke the invitation while it is open.</summary>
    public static InvitationRevoked Revoke(Invitation invitation, Workspace workspace, Guid actorId, DateTimeOffset now)
    {
        var actor = MemberDecisions.Actor(workspace, actorId);
        if (!Roles.CanManage(actor.Role, invitation.Role))
            throw new DomainRuleViolated(TeamErrors.NotAllowed, $"A {actor.Role} cannot revoke an invitation as {invitation.Role}.");
        Usable(invitation, now);
        return new InvitationRevoked(invitation.Id, invitation.WorkspaceId, actorId, now);
    }

    /// <summary>The invitation, when it can still be answered by this user.</summary>
    static Invitation Open(Invitation? invitation, User user, DateTimeOffset now)
    {
        if (invitation is null)
            throw new DomainRuleViolated(TeamErrors.InvitationNotFound, "No invitation has this code.", "code");
        Usable(invitation, now);
        if (!string.Equals(invitation.Email, user.Email, StringComparison.OrdinalIgnoreCase))
            throw new DomainRuleViolated(TeamErrors.EmailMismatch, "This invitation was sent to another email address; sign in with that one.", "code");
        return invitation;
    }

    static void Usable(Invitation invitation, DateTimeOffset now)
    {
        switch (invitation.StatusAt(now))
        {
            case InvitationStatuses.Accepted or InvitationStatuses.Declined:
                throw new DomainRuleViolated(TeamErrors.InvitationUsed, "This invitation has already been answered.", "code");
            case InvitationStatuses.Revoked:
                throw new DomainRuleViolated(TeamErrors.InvitationRevoked, "This invitation was revoked.", "code");
            case InvitationStatuses.Expired:
                throw new DomainRuleViolated(TeamErrors.InvitationExpired, "This invitation has expired; ask for a new one.", "code");
        }
    }
}
