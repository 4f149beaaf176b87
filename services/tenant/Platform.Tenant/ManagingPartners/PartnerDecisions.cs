using Platform.Contracts.Tenants;
using Platform.Tenant.Members;
using Platform.Tenant.Partners;
using Platform.Tenant.SigningUp;

namespace Platform.Tenant.ManagingPartners;

/// <summary>Pure decisions of a partner's life: create, apply, approve, reject, add and remove members.</summary>
public static class PartnerDecisions
{
    public const int MaxNameLength = 100;
    public const int MaxReasonLength = 500;

    static DomainRuleViolated NotAllowed(string message) => new(PartnerErrors.NotAllowed, message);

    public static string Name(string name) =>
        string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength || name.Any(char.IsControl)
            ? throw new DomainRuleViolated(PartnerErrors.InvalidName, $"Enter a partner name of 1 to {MaxNameLength} characters.", "name")
            : name.Trim();

    static string Email(string email, string field) =>
        Validation.Email(email).Any()
            ? throw new DomainRuleViolated(PartnerErrors.InvalidEmail, "Enter a valid email address, like ada@example.com.", field)
            : Validation.NormalizeEmail(email);

    /// <summary>A platform admin creates an ACTIVE partner owned by an email (who may sign up later).</summary>
    public static PartnerCreated Create(bool actorIsAdmin, Guid actorId, string name, string ownerEmail, Guid partnerId, DateTimeOffset now)
    {
        if (!actorIsAdmin)
            throw NotAllowed("Only platform admins create partners.");
        return new PartnerCreated(partnerId, Name(name), Email(ownerEmail, "ownerEmail"), actorId, now);
    }

    /// <summary>A signed-in user applies; they are the ADMIN of the PENDING partner.</summary>
    public static PartnershipApplied Apply(Guid userId, string userEmail, string name, Guid partnerId, DateTimeOffset now) =>
        new(partnerId, Name(name), userEmail, userId, now);

    public static PartnerApproved Approve(Partner partner, bool actorIsAdmin, Guid actorId, DateTimeOffset now)
    {
        if (!actorIsAdmin)
            throw NotAllowed("Only platform admins approve partners.");
        if (partner.Status != PartnerStatuses.Pending)
            throw new DomainRuleViolated(PartnerErrors.InvalidState, $"Only a PENDING partner can be approved; this one is {partner.Status}.");
        return new PartnerApproved(partner.Id, actorId, now);
    }

    public static PartnerRejected Reject(Partner partner, bool actorIsAdmin, Guid actorId, string reason, DateTimeOffset now)
    {
        if (!actorIsAdmin)
            throw NotAllowed("Only platform admins reject partners.");
        if (partner.Status != PartnerStatuses.Pending)
            throw new DomainRuleViolated(PartnerErrors.InvalidState, $"Only a PENDING partner can be rejected; this one is {partner.Status}.");
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReasonLength)
            throw new DomainRuleViolated("INVALID_REASON", $"Give a reason of 1 to {MaxReasonLength} characters.", "reason");
        return new PartnerRejected(partner.Id, actorId, reason.Trim(), now);
    }

    /// <summary>A partner ADMIN adds a member (or changes one's role); there is always an ADMIN left.</summary>
    public static IReadOnlyList<object> AddMember(Partner partner, string actorEmail, Guid actorId, string email, string role, DateTimeOffset now)
    {
        RequireAdmin(partner, actorEmail);
        var normalizedRole = role.Trim().ToUpperInvariant();
        if (!PartnerRoles.All.Contains(normalizedRole))
            throw new DomainRuleViolated(PartnerErrors.InvalidRole, "Choose ADMIN or MEMBER.", "role");
        var memberEmail = Email(email, "email");
        if (partner.RoleOf(memberEmail) == normalizedRole)
            return [];
        if (normalizedRole != PartnerRoles.Admin && partner.RoleOf(memberEmail) == PartnerRoles.Admin
            && partner.Members.Count(m => m.Role == PartnerRoles.Admin) == 1)
            throw NotAllowed("A partner needs an ADMIN: make someone else ADMIN first.");
        return [new PartnerMemberAdded(partner.Id, memberEmail, normalizedRole, actorId, now)];
    }

    /// <summary>
    /// A partner ADMIN removes a member (by e-mail); any member may remove themselves (leave). Only ADMINs remove others
    /// (NOT_ALLOWED, checked first so that others learn nothing of the members), a non-member is NOT_A_MEMBER, and the last
    /// ADMIN stays (LAST_ADMIN).
    /// </summary>
    public static PartnerMemberRemoved RemoveMember(Partner partner, string actorEmail, Guid actorId, string memberEmail, DateTimeOffset now)
    {
        var email = Validation.NormalizeEmail(memberEmail);
        var leaving = email.Length > 0 && email == actorEmail;
        if (!leaving)
            RequireAdmin(partner, actorEmail);
        var role = partner.RoleOf(email)
            ?? throw new DomainRuleViolated(PartnerErrors.NotAMember,
                leaving ? "You are not a member of this partner." : "This user or e-mail is not a member of the partner.");
        if (role == PartnerRoles.Admin && partner.Members.Count(m => m.Role == PartnerRoles.Admin) == 1)
            throw new DomainRuleViolated(PartnerErrors.LastAdmin,
                "A partner needs an ADMIN: make someone else ADMIN (addPartnerMember) before this one leaves.");
        return new PartnerMemberRemoved(partner.Id, email, role, actorId, now);
    }

    /// <summary>The actor is an ADMIN of the partner; anyone else gets NOT_ALLOWED.</summary>
    public static void RequireAdmin(Partner partner, string actorEmail)
    {
        if (partner.RoleOf(actorEmail) != PartnerRoles.Admin)
            throw NotAllowed("Only the partner's ADMIN members may do this.");
    }

    /// <summary>Keys and customer workspaces only for an ACTIVE partner.</summary>
    public static void RequireActive(Partner partner)
    {
        if (partner.Status != PartnerStatuses.Active)
            throw new DomainRuleViolated(PartnerErrors.PartnerNotActive, $"The partner is {partner.Status}; an admin has to approve it first.");
    }
}
