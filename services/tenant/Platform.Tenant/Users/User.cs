namespace Platform.Tenant.Users;

/// <summary>A person registered with an email (lower-cased) and a salted slow password hash, never the password.</summary>
public sealed record UserRegistered(Guid UserId, string Email, string DisplayName, string PasswordHash, DateTimeOffset RegisteredAt);

/// <summary>A user, kept as an inline snapshot for sign-in and profile queries.</summary>
public sealed record User(Guid Id, string Email, string DisplayName, string PasswordHash, DateTimeOffset RegisteredAt)
{
    public static User Create(UserRegistered e) => new(e.UserId, e.Email, e.DisplayName, e.PasswordHash, e.RegisteredAt);
}

/// <summary>Reserves an email (the document id) for one user; inserting a second one fails, which keeps emails unique.</summary>
public sealed record EmailClaim(string Id, Guid UserId);
