using GraphQL;
using GraphQL.Types;
using Platform.Contracts;
using Platform.Contracts.Tenants;
using Platform.Gateway.Auth;
using Platform.Gateway.Authorization;
using Platform.Gateway.Services;

namespace Platform.Gateway.Partners;

/// <summary>The partner queries and mutations; every one authorized by <see cref="PartnerAccess"/>.</summary>
public static class PartnerFields
{
    public static void AddPartnerQueries(this ObjectGraphType query) =>
        query.Field<PartnerType, PartnerDetails?>("partner")
            .Description("A partner the caller acts for (its members and API keys) or any, for platform admins; any other is NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The partner's id.")
            .ResolveAsync(async c => await PartnerAccess.RequireAsync(c, PartnerId(c.GetArgument<string>("id")), PartnerPermission.Read));

    /// <summary>me.partners and me.isPlatformAdmin.</summary>
    public static void AddPartnerFields(this ObjectGraphType<UserDetails> user)
    {
        user.Field<NonNullGraphType<ListGraphType<NonNullGraphType<PartnerType>>>, IReadOnlyList<PartnerDetails>>("partners")
            .Description("The partners the user is a member of (by e-mail), with myRole; pending and rejected applications included.")
            .ResolveAsync(async c => c.Caller().RequireUser() == c.Source.Id ? await PartnerAccess.UserPartnersAsync(c) : []);
        user.Field<NonNullGraphType<BooleanGraphType>, bool>("isPlatformAdmin")
            .Description("Whether the user is a platform admin (their e-mail is in Platform:Admins:Emails).")
            .Resolve(c => c.Source.IsPlatformAdmin);
    }

    public static void AddPartnerMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<PartnerPayloadForApply>, PartnerPayload>("applyForPartnership")
            .Description("Apply to become a partner: PENDING, with you as its ADMIN, until a platform admin approves or rejects it.")
            .Argument<NonNullGraphType<ApplyForPartnershipInputType>>("input", "The partner's name.")
            .ResolveAsync(async c =>
            {
                var userId = c.Caller().RequireUser();
                var result = await Ask<ApplyForPartnership, PartnerResult>(c, new ApplyForPartnership { UserId = userId, Name = Input(c).Name });
                return new PartnerPayload(result.Errors) { Partner = result.Partner };
            });

        mutation.Field<NonNullGraphType<PartnerPayloadForMember>, PartnerPayload>("addPartnerMember")
            .Description("Add a member to a partner by e-mail, or change their role (partner ADMINs).")
            .Argument<NonNullGraphType<AddPartnerMemberInputType>>("input", "The partner, the e-mail and the role.")
            .ResolveAsync(async c =>
            {
                var input = Input(c);
                var partnerId = PartnerId(input.PartnerId);
                await PartnerAccess.RequireAsync(c, partnerId, PartnerPermission.ManageMembers);
                var result = await Ask<AddPartnerMember, PartnerResult>(c, new AddPartnerMember
                {
                    PartnerId = partnerId, ActorId = c.Caller().RequireUser(), Email = input.Email, Role = input.Role.ToString().ToUpperInvariant(),
                });
                return new PartnerPayload(result.Errors) { Partner = result.Partner };
            });

        mutation.Field<NonNullGraphType<PartnerPayloadForMemberRemoval>, PartnerPayload>("removePartnerMember")
            .Description("Remove a member from a partner, named by userId or email (partner ADMINs); with your own userId, leave it (any member). " +
                "The last ADMIN stays (LAST_ADMIN); whoever is removed loses the partner's access at once.")
            .Argument<NonNullGraphType<RemovePartnerMemberInputType>>("input", "The partner and the member (userId or email).")
            .ResolveAsync(async c =>
            {
                var input = Input(c);
                var partnerId = PartnerId(input.PartnerId);
                Guid? userId = string.IsNullOrEmpty(input.UserId) ? null : Guid.TryParse(input.UserId, out var id) ? id : Guid.Empty;
                var caller = c.Caller();
                var leaving = userId is not null && userId == caller.UserId;
                await PartnerAccess.RequireAsync(c, partnerId, leaving ? PartnerPermission.Leave : PartnerPermission.ManageMembers);
                var actorId = caller.RequireUser();
                if ((userId is null) == string.IsNullOrWhiteSpace(input.Email))
                    return new PartnerPayload([new UserError
                    {
                        Field = "userId", Code = PartnerErrors.NotAMember, Message = "Name the member to remove by userId or by email, one of them.",
                    }]);
                var result = await Ask<RemovePartnerMember, PartnerResult>(c, new RemovePartnerMember
                {
                    PartnerId = partnerId, ActorId = actorId, UserId = userId, Email = userId is null ? input.Email : null,
                });
                if (result.Errors.Count == 0)
                    PartnerAccess.ForgetUserPartners(c);
                return new PartnerPayload(result.Errors) { Partner = result.Partner };
            });

        mutation.Field<NonNullGraphType<CreateApiKeyPayloadType>, PartnerPayload>("createApiKey")
            .Description("Create an API key of a partner (partner ADMINs); the key is shown once, in this payload.")
            .Argument<NonNullGraphType<CreateApiKeyInputType>>("input", "The partner, a name, scopes and an optional expiry.")
            .ResolveAsync(async c =>
            {
                var input = Input(c);
                var partnerId = PartnerId(input.PartnerId);
                await PartnerAccess.RequireAsync(c, partnerId, PartnerPermission.ManageKeys);
                var result = await Ask<CreateApiKey, CreateApiKeyResult>(c, new CreateApiKey
                {
                    PartnerId = partnerId, ActorId = c.Caller().RequireUser(), Name = input.Name, Scopes = input.Scopes, ExpiresAt = input.ExpiresAt,
                });
                return new PartnerPayload(result.Errors) { ApiKey = result.ApiKey, Key = result.Key };
            });

        mutation.Field<NonNullGraphType<RevokeApiKeyPayloadType>, PartnerPayload>("revokeApiKey")
            .Description("Revoke an API key of a partner (partner ADMINs); it stops working within seconds.")
            .Argument<NonNullGraphType<RevokeApiKeyInputType>>("input", "The partner and the key.")
            .ResolveAsync(async c =>
            {
                var input = Input(c);
                var partnerId = PartnerId(input.PartnerId);
                await PartnerAccess.RequireAsync(c, partnerId, PartnerPermission.ManageKeys);
                var result = await Ask<RevokeApiKey, ApiKeyResult>(c, new RevokeApiKey
                {
                    PartnerId = partnerId, ActorId = c.Caller().RequireUser(),
                    KeyId = Guid.TryParse(input.ApiKeyId, out var keyId) ? keyId : Guid.Empty,
                });
                return new PartnerPayload(result.Errors) { ApiKey = result.ApiKey };
            });

        mutation.Field<NonNullGraphType<CreateCustomerWorkspacePayloadType>, PartnerPayload>("createCustomerWorkspace")
            .Description("Create a workspace for a customer of the partner (keys need workspaces:write; or a partner member): it is onboarded " +
                "as usual, managed by the partner, and the customer's e-mail is invited as its OWNER.")
            .Argument<NonNullGraphType<CreateCustomerWorkspaceInputType>>("input", "The partner, the workspace and the customer.")
            .ResolveAsync(async c =>
            {
                var input = Input(c);
                var partnerId = PartnerId(input.PartnerId);
                await PartnerAccess.RequireAsync(c, partnerId, PartnerPermission.CreateWorkspaces);
                var caller = c.Caller();
                var result = await Ask<CreateCustomerWorkspace, CreateCustomerWorkspaceResult>(c, new CreateCustomerWorkspace
                {
                    PartnerId = partnerId, RequestedBy = caller.Id, Name = input.Name, CustomerEmail = input.CustomerEmail, Region = input.Region,
                });
                return new PartnerPayload(result.Errors) { Workspace = result.Workspace, Invitation = result.Invitation, Code = result.Code };
            });

        mutation.Field<NonNullGraphType<ResendCustomerInvitationPayloadType>, PartnerPayload>("resendCustomerInvitation")
            .Description("Send the OWNER invitation of a customer workspace again while the customer has not accepted (whoever may call " +
                "createCustomerWorkspace for the managing partner): a fresh code and expiry for the same e-mail; the earlier code stops working.")
            .Argument<NonNullGraphType<ResendCustomerInvitationInputType>>("input", "The customer workspace.")
            .ResolveAsync(async c =>
            {
                var input = Input(c);
                if (!Guid.TryParse(input.WorkspaceId, out var workspaceId))
                    throw GatewayErrors.WorkspaceNotFound();
                var partnerId = await PartnerAccess.RequireManagingPartnerAsync(c, workspaceId, PartnerPermission.CreateWorkspaces);
                var result = await Ask<ResendCustomerInvitation, ResendCustomerInvitationResult>(c, new ResendCustomerInvitation
                {
                    PartnerId = partnerId, WorkspaceId = workspaceId, RequestedBy = c.Caller().Id,
                });
                return new PartnerPayload(result.Errors) { Invitation = result.Invitation, Code = result.Code };
            });
    }

    internal static PartnerInput Input(IResolveFieldContext context) => context.GetArgument<PartnerInput>("input");

    internal static Guid PartnerId(string id) => Guid.TryParse(id, out var partnerId) ? partnerId : throw PartnerAccess.NotFound();

    internal static Task<TResponse> Ask<TRequest, TResponse>(IResolveFieldContext context, TRequest request) where TRequest : class where TResponse : class =>
        context.RequestServices!.GetRequiredService<ServiceRequests>().AskAsync<TRequest, TResponse>(request, context.CancellationToken);
}
