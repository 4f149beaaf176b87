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
        new("viewer", "a member with role VIEWER", (w, _) => w.Viewer.Token, w => w.Viewer, true, WorkspaceRoles.Viewer),
        new("developer", "a member with role DEVELOPER", (w, _) => w.Developer.Token, w => w.Developer, true, WorkspaceRoles.Developer),
        new("manager", "a member with role MANAGER", (w, _) => w.Manager.Token, w => w.Manager, true, WorkspaceRoles.Manager),
        new("owner", "the workspace's OWNER", (w, _) => w.Owner.Token, w => w.Owner, true, WorkspaceRoles.Owner),
        // Partner keys (own partner with and without the scope a row needs, another partner) and platform admins join
        // here once the gateway knows them (Auth/Caller.cs): one entry each, and a column in every row of the matrix,
        // which MatrixIsComplete refuses to miss.
    ];

    public static CallerKind Named(string name) => All.Single(c => c.Name == name);
}
