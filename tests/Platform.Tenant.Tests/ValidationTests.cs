using Platform.Contracts.Tenants;
using Platform.Tenant.SigningUp;
using Xunit;

namespace Platform.Tenant.Tests;

/// <summary>What a user types in at sign-up, and the error codes they get back.</summary>
public sealed class ValidationTests
{
    static SignUp Valid => new()
    {
        Email = "ada@example.com", Password = "correct horse", DisplayName = "Ada Lovelace", WorkspaceName = "Analytical Engines",
    };

    static IEnumerable<string> Codes(SignUp command) => Validation.SignUp(command).Select(e => $"{e.Field}:{e.Code}");

    [Fact]
    public void GivenValidInput_ThenThereAreNoErrors() => Assert.Empty(Validation.SignUp(Valid));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ada")]
    [InlineData("ada@")]
    [InlineData("@example.com")]
    [InlineData("ada@localhost")]
    [InlineData("ada@example.")]
    [InlineData("ada@.example.com")]
    [InlineData("ada@@example.com")]
    [InlineData("ada lovelace@example.com")]
    [InlineData("Ada Lovelace <ada@example.com>")]
    [InlineData("ada@example.com, bob@example.com")]
    public void GivenAMalformedEmail_ThenInvalidEmail(string email) =>
        Assert.Equal(["email:INVALID_EMAIL"], Codes(Valid with { Email = email }));

    [Fact]
    public void GivenAnEmailLongerThan254Characters_ThenInvalidEmail() =>
        Assert.Equal(["email:INVALID_EMAIL"], Codes(Valid with { Email = new string('a', 64) + "@" + new string('b', 186) + ".com" }));

    [Theory]
    [InlineData("ada@example.com")]
    [InlineData("  Ada.Lovelace+engines@Example.co.uk  ")]
    [InlineData("a@b.io")]
    public void GivenAWellFormedEmail_ThenItIsAccepted(string email) => Assert.Empty(Codes(Valid with { Email = email }));

    [Fact]
    public void GivenAnEmail_WhenNormalized_ThenItIsTrimmedAndLowerCase() =>
        Assert.Equal("ada@example.com", Validation.NormalizeEmail("  Ada@Example.COM "));

    [Fact]
    public void GivenANineCharacterPassword_ThenWeakPassword() =>
        Assert.Equal(["password:WEAK_PASSWORD"], Codes(Valid with { Password = "123456789" }));

    [Fact]
    public void GivenATenCharacterPassword_ThenItIsAccepted() => Assert.Empty(Codes(Valid with { Password = "1234567890" }));

    [Fact]
    public void GivenAPasswordLongerThan256Characters_ThenInvalidPassword()
    {
        Assert.Equal(["password:INVALID_PASSWORD"], Codes(Valid with { Password = new string('p', 257) }));
        Assert.Empty(Codes(Valid with { Password = new string('p', 256) }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Ada\nLovelace")]
    [InlineData("Ada\u0000")]
    public void GivenABlankOrControlCharacterDisplayName_ThenInvalidDisplayName(string displayName) =>
        Assert.Equal(["displayName:INVALID_DISPLAY_NAME"], Codes(Valid with { DisplayName = displayName }));

    [Fact]
    public void GivenADisplayNameOver100Characters_ThenInvalidDisplayName()
    {
        Assert.Equal(["displayName:INVALID_DISPLAY_NAME"], Codes(Valid with { DisplayName = new string('d', 101) }));
        Assert.Empty(Codes(Valid with { DisplayName = "  " + new string('d', 100) + "  " }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("Team\tOne")]
    public void GivenABlankOrControlCharacterWorkspaceName_ThenInvalidName(string name) =>
        Assert.Equal(["workspaceName:INVALID_NAME"], Codes(Valid with { WorkspaceName = name }));

    [Fact]
    public void GivenAWorkspaceNameOver100Characters_ThenInvalidName()
    {
        Assert.Equal(["workspaceName:INVALID_NAME"], Codes(Valid with { WorkspaceName = new string('w', 101) }));
        Assert.Empty(Codes(Valid with { WorkspaceName = "Café Ünïcode 数据 🚀" }));
    }

    [Fact]
    public void GivenAWorkspaceNameForCreateWorkspace_ThenTheErrorNamesTheGivenField() =>
        Assert.Equal("name", Assert.Single(Validation.WorkspaceName("", "name")).Field);

    [Fact]
    public void GivenEverythingWrong_ThenEveryFieldHasItsError() =>
        Assert.Equal(["email:INVALID_EMAIL", "password:WEAK_PASSWORD", "displayName:INVALID_DISPLAY_NAME", "workspaceName:INVALID_NAME"],
            Codes(new SignUp { Email = "nope", Password = "short", DisplayName = "", WorkspaceName = "" }));
}
