using System.Security.Cryptography;
using Platform.Contracts.Tenants;
using Platform.Infrastructure.Security;

namespace Platform.Gateway.Tests.AuthorizationMatrix;

/// <summary>
/// A kind of caller: the token it sends, the person that token claims to be, whether the gateway should believe it,
/// and the caller's role in the world's workspace.
/// </summary>
public sealed record CallerKind(string Name, string Description, Func<World, GatewayFixture, string?> Token, Func<World, Person?> Subject,
    bool Authenticated, string? Role)
{
    /// <summary>Entitled to see the workspace in some way (a member, its partner or the partner's key, a platform admin).</summary>
    public bool SeesWorkspace { get; init; }

    /// <summary>A caller who may know the world's workspace at all.</summary>
    public bool IsMember => Authenticated && Role is not null;

    public override string ToString() => Name;
}

/// <summary>Every kind of caller of the matrix, in the order of its columns.</summary>
public static class Callers
{
    // Same issuer and audience as the gateway's, another key: a well-formed token the gateway must not believe.
    static readonly AccessTokens OtherKey = new(RandomNumberGenerator.GetBytes(32), TimeSpan.FromMinutes(10));

    public static readonly IReadOnlyList<CallerKind> All =
    [
        new("none", "no Authorization header", (_, _) => null, _ => null, false, null),
        new("garbage", "a bearer token that is no JWT at all", (_, _) => "garbage." + Guid.NewGuid().ToString("N"), _ => null, false, null),
        new("expired", "the owner's token, signed with the gateway's key, expired", (w, g) =>
            g.Tokens.Issue(w.Owner.UserId, w.Owner.Email, DateTimeOffset.UtcNow.AddHours(-3)), w => w.Owner, false, null),
        new("forged", "the owner's token, valid but signed with another key", (w, _) =>
            OtherKey.Issue(w.Owner.UserId, w.Owner.Email, DateTimeOffset.UtcNow), w => w.Owner, false, null),
        new("other", "a signed-in user who is no member of the workspace", (w, _) => w.Stranger.Token, w => w.Stranger, true, null),
        new("viewer", "a member with role VIEWER", (w, _) => w.Viewer.Token, w => w.Viewer, true, WorkspaceRoles.Viewer) { SeesWorkspace = true },
        new("developer", "a member with role DEVELOPER", (w, _) => w.Developer.Token, w => w.Developer, true, WorkspaceRoles.Developer) { SeesWorkspace = true },
        new("manager", "a member with role MANAGER", (w, _) => w.Manager.Token, w => w.Manager, true, WorkspaceRoles.Manager) { SeesWorkspace = true },
        new("owner", "the workspace's OWNER", (w, _) => w.Owner.Token, w => w.Owner, true, WorkspaceRoles.Owner) { SeesWorkspace = true },
        new("key", "a key of the managing partner with every scope", (w, _) => w.PartnerKey, _ => null, true, null) { SeesWorkspace = true },
        new("key-read", "a key of the managing partner with workspaces:read only", (w, _) => w.ReadOnlyKey, _ => null, true, null) { SeesWorkspace = true },
        new("other-key", "a key with every scope of another partner", (w, _) => w.OtherPartnerKey, _ => null, true, null),
        new("partner-admin", "the managing partner's ADMIN member, signed in", (w, _) => w.PartnerAdmin.Token, w => w.PartnerAdmin, true, null)
        {
            SeesWorkspace = true,
        },
        new("admin", "a platform admin, signed in", (w, _) => w.PlatformAdmin.Token, w => w.PlatformAdmin, true, null) { SeesWorkspace = true },
        // A new kind of caller is one entry here and a column in every row of the matrix (which the completeness tests demand).
    ];

    public static CallerKind Named(string name) => All.Single(c => c.Name == name);
}
