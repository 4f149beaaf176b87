using GraphQL;
using GraphQL.Types;
using Platform.Contracts.Tenants;
using Platform.Gateway.Authorization;
using Platform.Gateway.Connections;
using Platform.Gateway.Partners;

namespace Platform.Gateway.Admin;

/// <summary>
/// What platform admins do, authorized by <see cref="PlatformAccess"/>: partners today. Clusters, the price book and gift codes
/// (later issues) add their fields here with a <see cref="PlatformPermission"/> each.
/// </summary>
public static class AdminFields
{
    /// <summary>The `partners` query: every partner, for platform admins.</summary>
    public static void AddAdminQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionGraphType<PartnerType, PartnerDetails>>, Connection<PartnerDetails>>("partners")
            .Description("Every partner, oldest first (platform admins only; FORBIDDEN for others), optionally only those with a status.")
            .Argument<IntGraphType>("first", $"How many items from the start (or after `after`), 1 to {ConnectionFields.MaxPageSize}. Give `first` or `last`.")
            .Argument<StringGraphType>("after", "A cursor: the page starts after this item.")
            .Argument<IntGraphType>("last", $"How many items from the end (or before `before`), 1 to {ConnectionFields.MaxPageSize}. Give `first` or `last`.")
            .Argument<StringGraphType>("before", "A cursor: the page ends before this item.")
            .Argument<PartnerStatusType>("status", "Only partners with this status, e.g. PENDING applications.")
            .ResolveAsync(async c =>
            {
                await PlatformAccess.RequireAsync(c, PlatformPermission.ManagePartners);
                var page = c.PageRequest();
                var status = c.GetArgument<PartnerStatus?>("status");
                var list = await PartnerFields.Ask<ListPartners, PartnerList>(c, new ListPartners { Status = status?.ToString().ToUpperInvariant() });
                return Connection<PartnerDetails>.Slice(list.Partners, PartnerType.CursorKey, page);
            });

    public static void AddAdminMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<PartnerPayloadForCreate>, PartnerPayload>("createPartner")
            .Description("Create an ACTIVE partner whose first ADMIN is the owner e-mail (platform admins only).")
            .Argument<NonNullGraphType<CreatePartnerInputType>>("input", "The partner's name and owner e-mail.")
            .ResolveAsync(async c =>
            {
                var adminId = await PlatformAccess.RequireAsync(c, PlatformPermission.ManagePartners);
                var input = PartnerFields.Input(c);
                var result = await PartnerFields.Ask<CreatePartner, PartnerResult>(c, new CreatePartner { ActorId = adminId, Name = input.Name, OwnerEmail = input.OwnerEmail });
                return new PartnerPayload(result.Errors) { Partner = result.Partner };
            });

        mutation.Field<NonNullGraphType<PartnerPayloadForDecision>, PartnerPayload>("approvePartner")
            .Description("Approve a PENDING partner: it becomes ACTIVE (platform admins only).")
            .Argument<NonNullGraphType<ApprovePartnerInputType>>("input", "The partner.")
            .ResolveAsync(async c =>
            {
                var adminId = await PlatformAccess.RequireAsync(c, PlatformPermission.ManagePartners);
                var partnerId = PartnerFields.PartnerId(PartnerFields.Input(c).PartnerId);
                var result = await PartnerFields.Ask<ApprovePartner, PartnerResult>(c, new ApprovePartner { ActorId = adminId, PartnerId = partnerId });
                return new PartnerPayload(result.Errors) { Partner = result.Partner };
            });

        mutation.Field<NonNullGraphType<PartnerPayloadForDecision>, PartnerPayload>("rejectPartner")
            .Description("Reject a PENDING partner with a reason (platform admins only).")
            .Argument<NonNullGraphType<RejectPartnerInputType>>("input", "The partner and the reason.")
            .ResolveAsync(async c =>
            {
                var adminId = await PlatformAccess.RequireAsync(c, PlatformPermission.ManagePartners);
                var input = PartnerFields.Input(c);
                var result = await PartnerFields.Ask<RejectPartner, PartnerResult>(c, new RejectPartner
                {
                    ActorId = adminId, PartnerId = PartnerFields.PartnerId(input.PartnerId), Reason = input.Reason,
                });
                return new PartnerPayload(result.Errors) { Partner = result.Partner };
            });
    }
}
