namespace Platform.Tenant.Partners;

/// <summary>A platform admin created an ACTIVE partner; whoever signs in with OwnerEmail is its first ADMIN.</summary>
public sealed record PartnerCreated(Guid PartnerId, string Name, string OwnerEmail, Guid CreatedBy, DateTimeOffset CreatedAt);

/// <summary>A signed-in user applied for a partnership; the partner is PENDING and the applicant its first ADMIN.</summary>
public sealed record PartnershipApplied(Guid PartnerId, string Name, string ApplicantEmail, Guid ApplicantId, DateTimeOffset AppliedAt);

/// <summary>A platform admin approved a PENDING partner: it is ACTIVE.</summary>
public sealed record PartnerApproved(Guid PartnerId, Guid ApprovedBy, DateTimeOffset ApprovedAt);

/// <summary>A platform admin rejected a PENDING partner, with the reason the applicant sees.</summary>
public sealed record PartnerRejected(Guid PartnerId, Guid RejectedBy, string Reason, DateTimeOffset RejectedAt);

/// <summary>A partner ADMIN added a member by email (or changed the role of one).</summary>
public sealed record PartnerMemberAdded(Guid PartnerId, string Email, string Role, Guid AddedBy, DateTimeOffset AddedAt);

/// <summary>A member left the partner or a partner ADMIN removed them: whoever signs in with Email no longer acts for it.</summary>
public sealed record PartnerMemberRemoved(Guid PartnerId, string Email, string Role, Guid RemovedBy, DateTimeOffset RemovedAt);

/// <summary>Reserves a partner name (the document id, lower case) for one partner.</summary>
public sealed record PartnerNameClaim(string Id, Guid PartnerId);
