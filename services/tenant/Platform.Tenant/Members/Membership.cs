using JasperFx.Events;
using Marten;
using Platform.Contracts.Tenants;
using Platform.Tenant.Workspaces;

namespace Platform.Tenant.Members;

/// <summary>Read model: one document per (workspace, member), so "my workspaces" is one indexed query by user.</summary>
public sealed record Membership(string Id, Guid WorkspaceId, Guid UserId, string Role, DateTimeOffset JoinedAt)
{
    public static string IdOf(Guid workspaceId, Guid userId) => $"{workspaceId:N}:{userId:N}";

    public static Membership Of(Guid workspaceId, Guid userId, string role, DateTimeOffset joinedAt) =>
        new(IdOf(workspaceId, userId), workspaceId, userId, role, joinedAt);
}

/// <summary>Keeps <see cref="Membership"/> documents in step with the workspace events, in the same transaction.</summary>
public static class Memberships
{
    /// <summary>Appends the events to the workspace stream and updates the memberships they change; the caller saves.</summary>
    public static void Record(IDocumentSession session, IEventStream<Workspace> stream, IReadOnlyList<object> events)
    {
        if (events.Count == 0)
            return;
        stream.AppendMany(events);
        var state = stream.Aggregate!;
        foreach (var e in events)
        {
            state = e switch
            {
                MemberAdded a => state.Apply(a),
                MemberRoleChanged c => state.Apply(c),
                MemberRemoved r => state.Apply(r),
                OwnershipTransferred t => state.Apply(t),
                _ => state,
            };
            switch (e)
            {
                case MemberRemoved r:
                    session.Delete<Membership>(Membership.IdOf(r.WorkspaceId, r.UserId));
                    break;
                case MemberAdded or MemberRoleChanged or OwnershipTransferred:
                    foreach (var member in state.Members)
                        session.Store(Membership.Of(state.Id, member.UserId, member.Role, member.JoinedAt));
                    break;
            }
        }
    }

    /// <summary>The owner's membership; none for a partner's customer workspace until its customer accepts the owner invitation.</summary>
    public static Membership? Owner(Workspaces.WorkspaceCreated created) =>
        created.OwnerId is { } owner ? Membership.Of(created.WorkspaceId, owner, WorkspaceRoles.Owner, created.CreatedAt) : null;
}
