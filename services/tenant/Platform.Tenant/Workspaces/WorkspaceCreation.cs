using Marten;

namespace Platform.Tenant.Workspaces;

/// <summary>Where new workspaces go when the caller names no region (Platform:Onboarding:DefaultRegion).</summary>
public sealed record OnboardingOptions(string DefaultRegion, TimeSpan StepTimeout)
{
    public static OnboardingOptions From(IConfiguration configuration) => new(
        configuration["Platform:Onboarding:DefaultRegion"] ?? "local",
        configuration.GetValue("Platform:Onboarding:StepTimeout", TimeSpan.FromMinutes(2)));
}

/// <summary>Starts a workspace stream with a unique slug; the onboarding saga takes it from there.</summary>
public static class WorkspaceCreation
{
    /// <param name="ownerId">The owner; null for a partner's customer workspace (<paramref name="managedByPartnerId"/>), owned once the customer accepts.</param>
    public static async Task<WorkspaceCreated> StartAsync(IDocumentSession session, Guid? ownerId, string name, string? region,
        OnboardingOptions options, DateTimeOffset now, CancellationToken cancellationToken, Guid? managedByPartnerId = null)
    {
        var workspaceId = Guid.NewGuid();
        var slug = Slugs.FromName(name);
        if (await session.LoadAsync<SlugClaim>(slug, cancellationToken) is not null)
            slug = Slugs.WithSuffix(slug, workspaceId);
        session.Insert(new SlugClaim(slug, workspaceId));
        var created = new WorkspaceCreated(workspaceId, ownerId, name.Trim(), slug, Slugs.Namespace(slug),
            string.IsNullOrWhiteSpace(region) ? options.DefaultRegion : region.Trim(), now, managedByPartnerId);
        session.Events.StartStream<Workspace>(workspaceId, created);
        if (Members.Memberships.Owner(created) is { } owner)
            session.Insert(owner);
        return created;
    }
}
