using Xunit;

namespace Platform.Gateway.Tests;

/// <summary>What must hold for every response of the gateway.</summary>
public static class ResponseAssert
{
    /// <summary>No exception type names or stack frames leak to the client.</summary>
    public static Response Clean(this Response response)
    {
        Assert.DoesNotContain("Exception", response.Body);
        Assert.DoesNotContain("   at ", response.Body);
        Assert.NotEqual(500, response.Status);
        return response;
    }

    /// <summary>A GraphQL error body carrying the given extensions.code.</summary>
    public static Response HasErrorCode(this Response response, string code)
    {
        Assert.True(response.Json is not null, $"not JSON: {response}");
        Assert.Contains(code, response.ErrorCodes);
        return response;
    }
}
