using JasperFx.Events;
using Marten;
using MassTransit;
using Platform.Contracts.Tenants;
using Platform.Infrastructure.Messaging;
using Platform.Tenant.Inviting;
using Platform.Tenant.Members;
using Platform.Tenant.Workspaces;

namespace Platform.Tenant.CreatingCustomerWorkspaces;

/// <summary>
/// The managing partner resends the OWNER invitation of a customer workspace nobody owns yet: a fresh code and expiry for the
/// same e-mail, the earlier open OWNER invitation superseded, in one transaction. Safe when delivered twice: the new invitation's
/// id is derived from the request's MessageId, so a redelivery finds it and issues nothing (ALREADY_INVITED). The decision is
/// made from the workspace and invitation streams fetched for writing and appends to the workspace stream, so a concurrent
/// duplicate, another resend or the customer accepting makes the save fail; the retry decides again on fresh state
/// (ALREADY_INVITED, a single open OWNER invitation, or ALREADY_HAS_OWNER).
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
        // The decision is made from the states fetched for writing, whose versions Marten checks on SaveChanges: the workspace
        // first (any accept or resend committed after this fetch advances its version, so this save fails and the retry decides
        // again), then every OWNER invitation it has (the query only finds their ids).
        var workspaceStream = await session.Events.FetchForWriting<Workspace>(m.WorkspaceId, ct);
        var ownerInvitationIds = await session.Query<Invitation>()
            .Where(i => i.WorkspaceId == m.WorkspaceId && i.Role == WorkspaceRoles.Owner)
            .Select(i => i.Id)
            .ToListAsync(ct);
        var invitationStreams = new Dictionary<Guid, IEventStream<Invitation>>();
        foreach (var id in ownerInvitationIds)
            invitationStreams[id] = await session.Events.FetchForWriting<Invitation>(id, ct);
        var alreadyResent = await session.LoadAsync<Invitation>(invitationId, ct) is not null;
        var code = InvitationCodes.New();
        IReadOnlyList<object> events;
        try
        {
            events = CustomerWorkspaceDecisions.ResendOwnerInvitation(workspaceStream.Aggregate, m.PartnerId,
                [.. invitationStreams.Values.Select(s => s.Aggregate).OfType<Invitation>()], alreadyResent, invitationId,
                InvitationCodes.Hash(code), now, options.Lifetime);
        }
        catch (DomainRuleViolated refused)
        {
            await context.RespondAsync(new ResendCustomerInvitationResult { Errors = [refused.ToUserError()] });
            return;
        }
        foreach (var superseded in events.OfType<InvitationSuperseded>())
            invitationStreams[superseded.InvitationId].AppendOne(superseded);
        var invited = events.OfType<MemberInvited>().Single();
        session.Events.StartStream<Invitation>(invited.InvitationId, invited);
        workspaceStream.AppendMany(events.OfType<OwnerInvitationResent>());
        // A concurrent change to any of these streams throws ConcurrencyException here; the bus retries the message in place
        // (UseMessageRetry), and the retry fetches and decides again.
        await session.SaveChangesAsync(ct);
        logger.LogInformation("Partner {PartnerId} ({RequestedBy}) resent the owner invitation of customer workspace {WorkspaceId} as {InvitationId}",
            m.PartnerId, m.RequestedBy, m.WorkspaceId, invited.InvitationId);
        await context.RespondAsync(new ResendCustomerInvitationResult { Invitation = Invitation.Create(invited).ToDetails(now), Code = code });
    }

    /// <summary>The id of the invitation a request creates: the same for a redelivery of that request, never another request's.</summary>
    public static Guid InvitationIdFor(Guid messageId) =>
        DeterministicIds.From($"resend-customer-invitation:{messageId:N}");
}
