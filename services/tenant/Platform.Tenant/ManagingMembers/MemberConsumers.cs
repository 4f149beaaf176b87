using Marten;
using MassTransit;
using Platform.Contracts.Tenants;
using Platform.Tenant.Members;
using Platform.Tenant.Users;
using Platform.Tenant.Workspaces;

namespace Platform.Tenant.ManagingMembers;

public sealed class ChangeMemberRoleConsumer(IDocumentStore store, TimeProvider clock) : IConsumer<ChangeMemberRole>
{
    public Task Consume(ConsumeContext<ChangeMemberRole> context)
    {
        var m = context.Message;
        return MemberChange.RunAsync(store, context, m.WorkspaceId, m.UserId,
            workspace => MemberDecisions.ChangeRole(workspace, m.ActorId, m.UserId, m.Role, clock.GetUtcNow()));
    }
}

public sealed class RemoveMemberConsumer(IDocumentStore store, TimeProvider clock) : IConsumer<RemoveMember>
{
    public Task Consume(ConsumeContext<RemoveMember> context)
    {
        var m = context.Message;
        return MemberChange.RunAsync(store, context, m.WorkspaceId, m.UserId,
            workspace => MemberDecisions.Remove(workspace, m.ActorId, m.UserId, clock.GetUtcNow()));
    }
}

public sealed class LeaveWorkspaceConsumer(IDocumentStore store, TimeProvider clock) : IConsumer<LeaveWorkspace>
{
    public Task Consume(ConsumeContext<LeaveWorkspace> context)
    {
        var m = context.Message;
        return MemberChange.RunAsync(store, context, m.WorkspaceId, m.UserId, workspace => MemberDecisions.Leave(workspace, m.UserId, clock.GetUtcNow()));
    }
}

public sealed class TransferOwnershipConsumer(IDocumentStore store, TimeProvider clock) : IConsumer<TransferOwnership>
{
    public Task Consume(ConsumeContext<TransferOwnership> context)
    {
        var m = context.Message;
        return MemberChange.RunAsync(store, context, m.WorkspaceId, m.UserId,
            workspace => MemberDecisions.TransferOwnership(workspace, m.ActorId, m.UserId, clock.GetUtcNow()));
    }
}

/// <summary>Fetch the workspace for writing, decide, append and save; answer with the member as they are now or the refusal.</summary>
static class MemberChange
{
    public static async Task RunAsync<T>(IDocumentStore store, ConsumeContext<T> context, Guid workspaceId, Guid memberId,
        Func<Workspace, IReadOnlyList<object>> decide) where T : class
    {
        await using var session = store.LightweightSession();
        var stream = await session.Events.FetchForWriting<Workspace>(workspaceId, context.CancellationToken);
        IReadOnlyList<object> events;
        try
        {
            events = stream.Aggregate is { } workspace
                ? decide(workspace)
                : throw new DomainRuleViolated(TeamErrors.NotAMember, "You are not a member of this workspace.");
        }
        catch (DomainRuleViolated refused)
        {
            await context.RespondAsync(new MembershipChangeResult { Errors = [refused.ToUserError()] });
            return;
        }
        Memberships.Record(session, stream, events);
        await session.SaveChangesAsync(context.CancellationToken);
        var after = events.Aggregate(stream.Aggregate!, (w, e) => e switch
        {
            MemberRoleChanged c => w.Apply(c),
            MemberRemoved r => w.Apply(r),
            OwnershipTransferred t => w.Apply(t),
            _ => w,
        });
        await context.RespondAsync(new MembershipChangeResult
        {
            Member = after.MemberOf(memberId) is { } member ? await Details(session, member, context.CancellationToken) : null,
        });
    }

    public static async Task<MemberDetails> Details(IQuerySession session, WorkspaceMember member, CancellationToken cancellationToken)
    {
        var user = await session.LoadAsync<User>(member.UserId, cancellationToken);
        return new MemberDetails
        {
            UserId = member.UserId, Email = user?.Email ?? "", DisplayName = user?.DisplayName ?? "", Role = member.Role, JoinedAt = member.JoinedAt,
        };
    }
}
