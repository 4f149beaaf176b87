using Platform.Contracts.Tenants;

namespace Platform.Tenant.Partners;

/// <summary>Someone who acts for a partner, known by email so that they may sign up before or after being added.</summary>
public sealed record PartnerMember(string Email, string Role, DateTimeOffset AddedAt);

/// <summary>A partner organisation (its own stream); kept as an inline snapshot, found by id or by a member's email.</summary>
public sealed record Partner(Guid Id, string Name, string Status, string? RejectionReason, DateTimeOffset CreatedAt, IReadOnlyList<PartnerMember> Members)
{
    public static Partner Create(PartnerCreated e) =>
        new(e.PartnerId, e.Name, PartnerStatuses.Active, null, e.CreatedAt, [new PartnerMember(e.OwnerEmail, PartnerRoles.Admin, e.CreatedAt)]);

    public static Partner Create(PartnershipApplied e) =>
        new(e.PartnerId, e.Name, PartnerStatuses.Pending, null, e.AppliedAt, [new PartnerMember(e.ApplicantEmail, PartnerRoles.Admin, e.AppliedAt)]);

    public Partner Apply(PartnerApproved e) => this with { Status = PartnerStatuses.Active };
    public Partner Apply(PartnerRejected e) => this with { Status = PartnerStatuses.Rejected, RejectionReason = e.Reason };

    public Partner Apply(PartnerMemberAdded e) =>
        this with { Members = [.. Members.Where(m => m.Email != e.Email), new PartnerMember(e.Email, e.Role, e.AddedAt)] };

    public Partner Apply(PartnerMemberRemoved e) => this with { Members = [.. Members.Where(m => m.Email != e.Email)] };

    /// <summary>The role of whoever signs in with <paramref name="email"/> (lower case), or null.</summary>
    public string? RoleOf(string email) => Members.FirstOrDefault(m => m.Email == email)?.Role;

    public PartnerDetails ToDetails(string? viewerEmail = null) => new()
    {
        Id = Id, Name = Name, Status = Status, RejectionReason = RejectionReason, CreatedAt = CreatedAt,
        Members = [.. Members.Select(m => new PartnerMemberDetails { Email = m.Email, Role = m.Role, AddedAt = m.AddedAt })],
        Role = viewerEmail is null ? "" : RoleOf(viewerEmail) ?? "",
    };
}
