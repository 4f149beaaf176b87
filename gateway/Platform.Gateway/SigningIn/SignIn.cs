using GraphQL;
using GraphQL.Types;
using Platform.Contracts;
using Platform.Contracts.Tenants;
using Platform.Gateway.Schema;
using Platform.Gateway.Services;
using Platform.Gateway.Users;

namespace Platform.Gateway.SigningIn;

/// <summary>The arguments of signIn.</summary>
public sealed class SignInInput
{
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
}

/// <summary>What signIn returns before its user is looked up.</summary>
public sealed record SignInPayload(Guid? UserId, string? AccessToken, IReadOnlyList<UserError> UserErrors);

public sealed class SignInInputType : InputObjectGraphType<SignInInput>
{
    public SignInInputType()
    {
        Name = "SignInInput";
        Description = "Credentials of an existing user.";
        Field<NonNullGraphType<StringGraphType>>("email").Description("The e-mail address the user signed up with.");
        Field<NonNullGraphType<StringGraphType>>("password").Description("The user's password.");
    }
}

public sealed class SignInPayloadType : ObjectGraphType<SignInPayload>
{
    public SignInPayloadType()
    {
        Name = "SignInPayload";
        Description = "The result of signIn: the user and an access token, or userErrors.";
        Field<UserType, UserDetails?>("user")
            .Description("The signed-in user; null when signing in failed.")
            .ResolveAsync(async c => c.Source.UserId is { } id ? await Me.FindAsync(c, id) : null);
        Field<StringGraphType, string?>("accessToken")
            .Description("A bearer token to send as 'Authorization: Bearer <token>'; null when signing in failed.")
            .Resolve(c => c.Source.AccessToken);
        this.UserErrorsField("Why signing in failed (e.g. INVALID_CREDENTIALS); empty on success.", p => p.UserErrors);
    }
}

/// <summary>The signIn mutation.</summary>
public static class SigningInField
{
    public static void AddSignIn(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<SignInPayloadType>, SignInPayload>("signIn")
            .Description("Exchange e-mail and password for an access token. No token needed.")
            .Argument<NonNullGraphType<SignInInputType>>("input", "The credentials.")
            .ResolveAsync(async context =>
            {
                var input = context.GetArgument<SignInInput>("input");
                var requests = context.RequestServices!.GetRequiredService<ServiceRequests>();
                var result = await requests.AskAsync<SignIn, SignInResult>(
                    new SignIn { Email = input.Email, Password = input.Password }, context.CancellationToken);
                return result.Errors.Count > 0
                    ? new SignInPayload(null, null, result.Errors)
                    : new SignInPayload(result.UserId, result.AccessToken, []);
            });
}
