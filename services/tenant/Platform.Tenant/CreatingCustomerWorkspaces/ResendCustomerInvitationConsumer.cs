using System.Security.Cryptography;
using System.Text;
using Marten;
using MassTransit;
using Platform.Contracts.Tenants;
using Platform.Tenant.Inviting;
using Platform.Tenant.Members;
using Platform.Tenant.Workspaces;

namespace Platform.Tenant.CreatingCustomerWorkspaces;

/// <summary>
/// The managing partner resends the OWNER invitation of a customer workspace nobody owns yet: a fresh code and expiry for the
/// same e-mail, the earlier open OWNER invitation superseded, in one transaction. Safe when delivered twice: the new invitation's
/// id is derived from the request's MessageId, so a redelivery finds it and issues nothing (ALREADY_INVITED), and a concurrent
/// duplicate fails on the superseded invitation's version or the new stream's id, is retried, and then finds it.
/// </summary>
public sealed class ResendCustomerInvitationConsumer(IDocumentStore store, InvitationOptions options, TimeProvider clock,
    ILogger<ResendCustomerInvitationConsumer> logger) : IConsumer<ResendCustomerInvitation>
{
    public async Task Consume(ConsumeContext<ResendCustomerInvitation> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        var messageId = context.MessageId ?? throw new InvalidOperationException("A request without MessageId cannot be deduplicated.");
        var invitationId = InvitationIdFor(messageId);
        await using var session = store.LightweightSession();
        var workspace = await session.LoadAsync<Workspace>(m.WorkspaceId, ct);
        var ownerInvitations = await session.Query<Invitation>()
            .Where(i => i.WorkspaceId == m.WorkspaceId && i.Role == WorkspaceRoles.Owner)
            .ToListAsync(ct);
        var alreadyResent = await session.LoadAsync<Invitation>(invitationId, ct) is not null;
        var code = InvitationCodes.New();
        IReadOnlyList<object> events;
        try
        {
            events = CustomerWorkspaceDecisions.ResendOwnerInvitation(workspace, m.PartnerId, ownerInvitations, alreadyResent, invitationId,
                InvitationCodes.Hash(code), now, options.Lifetime);
        }
        catch (DomainRuleViolated refused)
        {
            await context.RespondAsync(new ResendCustomerInvitationResult { Errors = [refused.ToUserError()] });
            return;
        }
        foreach (var superseded in events.OfType<InvitationSuperseded>())
        {
            // Fetched for writing: a concurrent resend of the same invitation fails to save and is retried.
            var stream = await session.Events.FetchForWriting<Invitation>(superseded.InvitationId, ct);
            stream.AppendOne(superseded);
        }
        var invited = events.OfType<MemberInvited>().Single();
        session.Events.StartStream<Invitation>(invited.InvitationId, invited);
        await session.SaveChangesAsync(ct);
        logger.LogInformation("Partner {PartnerId} ({RequestedBy}) resent the owner invitation of customer workspace {WorkspaceId} as {InvitationId}",
            m.PartnerId, m.RequestedBy, m.WorkspaceId, invited.InvitationId);
        await context.RespondAsync(new ResendCustomerInvitationResult { Invitation = Invitation.Create(invited).ToDetails(now), Code = code });
    }

    /// <summary>The id of the invitation a request creates: the same for a redelivery of that request, never another request's.</summary>
    public static Guid InvitationIdFor(Guid messageId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"resend-customer-invitation:{messageId:N}")).AsSpan(0, 16));
}
