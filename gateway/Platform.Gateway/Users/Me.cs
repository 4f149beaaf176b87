using GraphQL;
using GraphQL.Types;
using Platform.Contracts.Tenants;
using Platform.Gateway.Auth;
using Platform.Gateway.Services;

namespace Platform.Gateway.Users;

/// <summary>The `me` query and looking users up.</summary>
public static class Me
{
    public static void AddMe(this ObjectGraphType query) =>
        query.Field<UserType, UserDetails?>("me")
            .Description("The signed-in user. Requires an access token.")
            .ResolveAsync(async context => await FindAsync(context, context.Caller().RequireUser()));

    /// <summary>A user by id, asked once per request; null when the tenant service does not know it.</summary>
    public static async Task<UserDetails?> FindAsync(IResolveFieldContext context, Guid userId)
    {
        var requests = context.RequestServices!.GetRequiredService<ServiceRequests>();
        var user = await context.Caller().Once($"user:{userId}", () =>
            requests.AskAsync<GetUser, UserDetails>(new GetUser { UserId = userId }, context.CancellationToken));
        return user.Found ? user : null;
    }
}
