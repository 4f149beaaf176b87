using Marten;
using MassTransit;
using Platform.Contracts;
using Platform.Contracts.Tenants;
using Platform.Tenant.Inviting;
using Platform.Tenant.ManagingPartners;
using Platform.Tenant.Members;
using Platform.Tenant.Partners;
using Platform.Tenant.Queries;
using Platform.Tenant.SigningUp;
using Platform.Tenant.Workspaces;

namespace Platform.Tenant.CreatingCustomerWorkspaces;

/// <summary>
/// A partner creates a workspace for a customer: the usual onboarding starts from its WorkspaceCreated (managed by the
/// partner, no owner yet), and the customer's email is invited as OWNER, all in one transaction.
/// </summary>
public sealed class CreateCustomerWorkspaceConsumer(IDocumentStore store, OnboardingOptions onboarding, InvitationOptions invitations,
    TimeProvider clock, ILogger<CreateCustomerWorkspaceConsumer> logger) : IConsumer<CreateCustomerWorkspace>
{
    public async Task Consume(ConsumeContext<CreateCustomerWorkspace> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        var partner = await session.LoadAsync<Partner>(m.PartnerId, ct);
        List<UserError> errors = [.. Validation.WorkspaceName(m.Name, "name"), .. Validation.Email(m.CustomerEmail).Select(e => e with { Field = "customerEmail" })];
        try
        {
            PartnerDecisions.RequireActive(partner ?? throw new DomainRuleViolated(PartnerErrors.PartnerNotFound, "No partner has this id.", "partnerId"));
        }
        catch (DomainRuleViolated refused)
        {
            errors.Insert(0, refused.ToUserError());
        }
        if (errors.Count == 0)
        {
            var name = m.Name.Trim();
            var managed = await session.Query<Workspace>().Where(w => w.ManagedByPartnerId == m.PartnerId).ToListAsync(ct);
            if (managed.Any(w => w.Status is not (WorkspaceStatus.Failed or WorkspaceStatus.Deleted) && string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase)))
                errors.Add(new UserError { Field = "name", Code = "NAME_TAKEN", Message = "The partner already has a customer workspace with this name." });
        }
        if (errors.Count > 0)
        {
            await context.RespondAsync(new CreateCustomerWorkspaceResult { Errors = errors });
            return;
        }
        var created = await WorkspaceCreation.StartAsync(session, null, m.Name, m.Region, onboarding, now, ct, m.PartnerId);
        var workspace = Workspace.Create(created);
        var code = InvitationCodes.New();
        var invited = CustomerWorkspaceDecisions.InviteOwner(workspace, m.PartnerId, m.CustomerEmail, Guid.NewGuid(), InvitationCodes.Hash(code), now,
            invitations.Lifetime);
        session.Events.StartStream<Invitation>(invited.InvitationId, invited);
        await session.SaveChangesAsync(ct);
        logger.LogInformation("Partner {PartnerId} ({RequestedBy}) created customer workspace {WorkspaceId}", m.PartnerId, m.RequestedBy, created.WorkspaceId);
        await context.RespondAsync(new CreateCustomerWorkspaceResult
        {
            Workspace = GetUserConsumer.Details(workspace, Guid.Empty), Invitation = Invitation.Create(invited).ToDetails(now), Code = code,
        });
    }
}
