using GraphQL;
using GraphQL.Types;
using Platform.Contracts;
using Platform.Contracts.Tenants;
using Platform.Gateway.Auth;
using Platform.Gateway.Schema;
using Platform.Gateway.Services;
using Platform.Gateway.Users;
using Platform.Gateway.Workspaces;

namespace Platform.Gateway.SigningUp;

/// <summary>The arguments of signUp.</summary>
public sealed class SignUpInput
{
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string WorkspaceName { get; set; } = "";
    public string? Region { get; set; }
}

/// <summary>What signUp returns before its user and workspace are looked up.</summary>
public sealed record SignUpPayload(Guid? UserId, Guid? WorkspaceId, string? AccessToken, IReadOnlyList<UserError> UserErrors);

public sealed class SignUpInputType : InputObjectGraphType<SignUpInput>
{
    public SignUpInputType()
    {
        Name = "SignUpInput";
        Description = "A new user and the first workspace.";
        Field<NonNullGraphType<StringGraphType>>("email").Description("The e-mail address to sign in with.");
        Field<NonNullGraphType<StringGraphType>>("password").Description("The password; the tenant service decides what is strong enough.");
        Field<NonNullGraphType<StringGraphType>>("displayName").Description("The name shown for the user.");
        Field<NonNullGraphType<StringGraphType>>("workspaceName").Description("The name of the first workspace.");
        Field<StringGraphType>("region").Description("The region of the first workspace; the platform's default when omitted.");
    }
}

public sealed class SignUpPayloadType : ObjectGraphType<SignUpPayload>
{
    public SignUpPayloadType()
    {
        Name = "SignUpPayload";
        Description = "The result of signUp: the new user, workspace and an access token, or userErrors.";
        Field<UserType, UserDetails?>("user")
            .Description("The new user; null when signing up failed.")
            .ResolveAsync(async c => c.Source.UserId is { } id ? await Me.FindAsync(c, id) : null);
        Field<WorkspaceType, WorkspaceDetails?>("workspace")
            .Description("The first workspace, PROVISIONING at first; null when signing up failed.")
            .ResolveAsync(async c => c.Source is { UserId: { } userId, WorkspaceId: { } workspaceId }
                ? await WorkspaceQuery.FindAsync(c, workspaceId, userId)
                : null);
        Field<StringGraphType, string?>("accessToken")
            .Description("A bearer token for the new user; null when signing up failed.")
            .Resolve(c => c.Source.AccessToken);
        this.UserErrorsField("Why signing up failed (e.g. EMAIL_TAKEN, WEAK_PASSWORD, INVALID_EMAIL); empty on success.", p => p.UserErrors);
    }
}

/// <summary>The signUp mutation.</summary>
public static class SigningUpField
{
    public static void AddSignUp(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<SignUpPayloadType>, SignUpPayload>("signUp")
            .Description("Create a user with a first workspace and get an access token. No token needed.")
            .Argument<NonNullGraphType<SignUpInputType>>("input", "The new user and workspace.")
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<SignUpInput>("input");
                var requests = context.RequestServices!.GetRequiredService<ServiceRequests>();
                var result = await requests.AskAsync<SignUp, SignUpResult>(new SignUp
                {
                    Email = input.Email,
                    Password = input.Password,
                    DisplayName = input.DisplayName,
                    WorkspaceName = input.WorkspaceName,
                    Region = input.Region,
                }, context.CancellationToken);
                return result.Errors.Count > 0
                    ? new SignUpPayload(null, null, null, result.Errors)
                    : new SignUpPayload(result.UserId, result.WorkspaceId, result.AccessToken, []);
            });
}
