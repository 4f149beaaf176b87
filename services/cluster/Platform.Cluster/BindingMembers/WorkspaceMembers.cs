namespace Platform.Cluster.BindingMembers;

/// <summary>A member's role as last heard (null once removed) and the workspace stream version it was heard at.</summary>
public sealed record MemberEntry(string? Role, long Version);

/// <summary>
/// The cluster's own view of a workspace's members, from the tenant's events. Stored with optimistic concurrency:
/// member changes and the provisioning that binds everyone known so far never miss each other.
/// </summary>
public sealed record WorkspaceMembers(Guid Id, IReadOnlyDictionary<Guid, MemberEntry> Members)
{
    public static WorkspaceMembers Empty(Guid workspaceId) => new(workspaceId, new Dictionary<Guid, MemberEntry>());
}

/// <summary>A change to one member heard from the tenant service: a role, or null when they left.</summary>
public sealed record MemberChange(Guid UserId, string? Role, long Version);

public static class MemberBindings
{
    /// <summary>
    /// Folds the changes into the members; a change older than what is known for that member (messages can arrive out
    /// of order) is ignored. Returns the new members and the changes that took effect.
    /// </summary>
    public static (WorkspaceMembers Members, IReadOnlyList<MemberChange> Effective) Decide(WorkspaceMembers members, IEnumerable<MemberChange> changes)
    {
        var known = members.Members.ToDictionary();
        var effective = new List<MemberChange>();
        foreach (var change in changes)
        {
            if (known.TryGetValue(change.UserId, out var entry) && entry.Version >= change.Version)
                continue;
            known[change.UserId] = new MemberEntry(change.Role, change.Version);
            effective.Add(change);
        }
        return (members with { Members = known }, effective);
    }
}
