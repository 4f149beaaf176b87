using System.Globalization;
using GraphQL.Types;

namespace Platform.Gateway.Workspaces;

/// <summary>An amount of money as a decimal string and an ISO 4217 currency code.</summary>
public sealed record Money(string Amount, string Currency)
{
    const decimal MicrosPerUnit = 1_000_000m;

    /// <summary>5000000 micros → "5.00"; at least two decimals, up to six, never rounded.</summary>
    public static Money FromMicros(long micros, string currency) =>
        new((micros / MicrosPerUnit).ToString("0.00####", CultureInfo.InvariantCulture), currency);
}

/// <summary>The GraphQL type of <see cref="Money"/>.</summary>
public sealed class MoneyType : ObjectGraphType<Money>
{
    public MoneyType()
    {
        Name = "Money";
        Description = "An amount of money; the amount is a decimal string so that no precision is lost.";
        Field<NonNullGraphType<StringGraphType>, string>("amount").Description("The amount as a decimal string, e.g. \"5.00\" or \"-0.125\".").Resolve(c => c.Source.Amount);
        Field<NonNullGraphType<StringGraphType>, string>("currency").Description("ISO 4217 currency code, e.g. \"USD\".").Resolve(c => c.Source.Currency);
    }
}
