using Marten;
using MassTransit;
using Platform.Contracts.Tenants;
using Platform.Tenant.SigningUp;
using Platform.Tenant.Users;

namespace Platform.Tenant.Admins;

/// <summary>
/// Platform admins: the users whose email is listed in Platform:Admins:Emails (an array, or one comma-separated value).
/// Admins manage partners today; clusters, the price book and gift codes will ask the same question (<see cref="IsAdmin"/>).
/// </summary>
public sealed class PlatformAdmins(IEnumerable<string> emails)
{
    readonly HashSet<string> _emails = [.. emails.Where(e => !string.IsNullOrWhiteSpace(e)).Select(Validation.NormalizeEmail)];

    public static PlatformAdmins From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Platform:Admins:Emails");
        var listed = section.GetChildren().Select(c => c.Value ?? "");
        var inline = (section.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new PlatformAdmins([.. listed, .. inline]);
    }

    public bool IsAdmin(User? user) => user is not null && _emails.Contains(user.Email);
}

/// <summary>Answers whether a user is a platform admin.</summary>
public sealed class CheckPlatformAdminConsumer(IDocumentStore store, PlatformAdmins admins) : IConsumer<CheckPlatformAdmin>
{
    public async Task Consume(ConsumeContext<CheckPlatformAdmin> context)
    {
        await using var session = store.QuerySession();
        var user = await session.LoadAsync<User>(context.Message.UserId, context.CancellationToken);
        await context.RespondAsync(new PlatformAdminStatus { IsPlatformAdmin = admins.IsAdmin(user) });
    }
}
