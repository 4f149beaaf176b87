using Marten;
using MassTransit;
using Platform.Contracts.Tenants;
using Platform.Tenant.Members;
using Platform.Tenant.SigningUp;
using Platform.Tenant.Users;
using Platform.Tenant.Workspaces;

namespace Platform.Tenant.Inviting;

/// <summary>Invites an email with a role; the code is returned once and only its hash is stored.</summary>
public sealed class InviteMemberConsumer(IDocumentStore store, InvitationOptions options, TimeProvider clock) : IConsumer<InviteMember>
{
    public async Task Consume(ConsumeContext<InviteMember> context)
    {
        var command = context.Message;
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        var workspace = await session.LoadAsync<Workspace>(command.WorkspaceId, ct);
        var email = Validation.NormalizeEmail(command.Email);
        var invitee = await session.LoadAsync<EmailClaim>(email, ct);
        var alreadyInvited = await session.Query<Invitation>()
            .AnyAsync(i => i.WorkspaceId == command.WorkspaceId && i.Email == email && i.Status == InvitationStatuses.Pending && i.ExpiresAt > now, ct);
        var code = InvitationCodes.New();
        MemberInvited invited;
        try
        {
            invited = workspace is null
                ? throw new DomainRuleViolated(TeamErrors.NotAMember, "You are not a member of this workspace.")
                : InvitationDecisions.Invite(workspace, command.ActorId, command.Email, command.Role, invitee?.UserId, alreadyInvited, Guid.NewGuid(),
                    InvitationCodes.Hash(code), now, options.Lifetime);
        }
        catch (DomainRuleViolated refused)
        {
            await context.RespondAsync(new InviteMemberResult { Errors = [refused.ToUserError()] });
            return;
        }
        session.Events.StartStream<Invitation>(invited.InvitationId, invited);
        await session.SaveChangesAsync(ct);
        await context.RespondAsync(new InviteMemberResult { Invitation = Invitation.Create(invited).ToDetails(now), Code = code });
    }
}

/// <summary>The invitee (signed in with the invited email) accepts: the invitation is used and they become a member, in one transaction.</summary>
public sealed class AcceptInvitationConsumer(IDocumentStore store, TimeProvider clock) : IConsumer<AcceptInvitation>
{
    public async Task Consume(ConsumeContext<AcceptInvitation> context)
    {
        var command = context.Message;
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        var user = await session.LoadAsync<User>(command.UserId, ct);
        var found = await Invitations.ByCodeAsync(session, command.Code, ct);
        var invitationStream = found is null ? null : await session.Events.FetchForWriting<Invitation>(found.Id, ct);
        var workspaceStream = found is null ? null : await session.Events.FetchForWriting<Workspace>(found.WorkspaceId, ct);
        IReadOnlyList<object> events;
        try
        {
            events = user is null
                ? throw new DomainRuleViolated(TeamErrors.InvitationNotFound, "No invitation has this code.", "code")
                : InvitationDecisions.Accept(invitationStream?.Aggregate, workspaceStream?.Aggregate, user, now);
        }
        catch (DomainRuleViolated refused)
        {
            await context.RespondAsync(new InvitationResult { Errors = [refused.ToUserError()] });
            return;
        }
        invitationStream!.AppendMany(events.OfType<InvitationAccepted>());
        Memberships.Record(session, workspaceStream!, [.. events.OfType<MemberAdded>()]);
        await session.SaveChangesAsync(ct);
        var accepted = events.OfType<InvitationAccepted>().Single();
        await context.RespondAsync(new InvitationResult { Invitation = invitationStream.Aggregate!.Apply(accepted).ToDetails(now) });
    }
}

/// <summary>The invitee (signed in with the invited email) declines.</summary>
public sealed class DeclineInvitationConsumer(IDocumentStore store, TimeProvider clock) : IConsumer<DeclineInvitation>
{
    public async Task Consume(ConsumeContext<DeclineInvitation> context)
    {
        var command = context.Message;
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        var user = await session.LoadAsync<User>(command.UserId, ct);
        var found = await Invitations.ByCodeAsync(session, command.Code, ct);
        var stream = found is null ? null : await session.Events.FetchForWriting<Invitation>(found.Id, ct);
        InvitationDeclined declined;
        try
        {
            declined = user is null
                ? throw new DomainRuleViolated(TeamErrors.InvitationNotFound, "No invitation has this code.", "code")
                : InvitationDecisions.Decline(stream?.Aggregate, user, now);
        }
        catch (DomainRuleViolated refused)
        {
            await context.RespondAsync(new InvitationResult { Errors = [refused.ToUserError()] });
            return;
        }
        stream!.AppendOne(declined);
        await session.SaveChangesAsync(ct);
        await context.RespondAsync(new InvitationResult { Invitation = stream.Aggregate!.Apply(declined).ToDetails(now) });
    }
}

/// <summary>A member who may manage the invited role withdraws an open invitation.</summary>
public sealed class RevokeInvitationConsumer(IDocumentStore store, TimeProvider clock) : IConsumer<RevokeInvitation>
{
    public async Task Consume(ConsumeContext<RevokeInvitation> context)
    {
        var command = context.Message;
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Invitation>(command.InvitationId, ct);
        var workspace = stream.Aggregate is { } i ? await session.LoadAsync<Workspace>(i.WorkspaceId, ct) : null;
        InvitationRevoked revoked;
        try
        {
            revoked = stream.Aggregate is null || workspace?.MemberOf(command.ActorId) is null
                ? throw new DomainRuleViolated(TeamErrors.InvitationNotFound, "No invitation has this id.", "invitationId")
                : InvitationDecisions.Revoke(stream.Aggregate, workspace, command.ActorId, now);
        }
        catch (DomainRuleViolated refused)
        {
            await context.RespondAsync(new InvitationResult { Errors = [refused.ToUserError()] });
            return;
        }
        stream.AppendOne(revoked);
        await session.SaveChangesAsync(ct);
        await context.RespondAsync(new InvitationResult { Invitation = stream.Aggregate.Apply(revoked).ToDetails(now) });
    }
}

static class Invitations
{
    public static async Task<Invitation?> ByCodeAsync(IQuerySession session, string code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 200)
            return null;
        var hash = InvitationCodes.Hash(code);
        return await session.Query<Invitation>().FirstOrDefaultAsync(i => i.CodeHash == hash, cancellationToken);
    }
}
