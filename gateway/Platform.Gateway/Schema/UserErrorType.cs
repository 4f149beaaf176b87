using GraphQL.Types;
using Platform.Contracts;

namespace Platform.Gateway.Schema;

/// <summary>An expected failure of a mutation the user can act on.</summary>
public sealed class UserErrorType : ObjectGraphType<UserError>
{
    public UserErrorType()
    {
        Name = "UserError";
        Description = "An expected failure of a mutation: which input, a stable code and a readable message.";
        Field<StringGraphType, string?>("field").Description("The input field the error is about, if any.").Resolve(c => c.Source.Field);
        Field<NonNullGraphType<StringGraphType>, string>("code")
            .Description("A stable, machine-readable code, e.g. EMAIL_TAKEN, WEAK_PASSWORD, INVALID_CREDENTIALS, NAME_TAKEN.")
            .Resolve(c => c.Source.Code);
        Field<NonNullGraphType<StringGraphType>, string>("message").Description("What went wrong, for a human.").Resolve(c => c.Source.Message);
    }
}

public static class UserErrorFields
{
    /// <summary>The <c>userErrors</c> field every mutation payload has: the expected failures, empty on success.</summary>
    public static void UserErrorsField<TSource>(this ObjectGraphType<TSource> payload, string description,
        Func<TSource, IReadOnlyList<UserError>> errors) =>
        payload.Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>, IReadOnlyList<UserError>>("userErrors")
            .Description(description)
            .Resolve(c => errors(c.Source));
}
