using System.Text;
using System.Text.RegularExpressions;
using Platform.Tenant.Workspaces;
using Xunit;

namespace Platform.Tenant.Tests;

/// <summary>Whatever a workspace is called, its namespace is a valid Kubernetes namespace name.</summary>
public sealed partial class SlugTests
{
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    static void AssertValidNamespace(string ns)
    {
        Assert.StartsWith("ws-", ns);
        Assert.InRange(ns.Length, 4, 63);
        Assert.Matches(Dns1123Label(), ns);
    }

    public static TheoryData<string, string> Names => new()
    {
        { "Acme Corp", "acme-corp" },
        { "acme", "acme" },
        { "ACME 2026", "acme-2026" },
        { "Café Ünïcode 数据", "cafe-unicode" },
        { "数据 Café", "cafe" },
        { "🚀🎉", "workspace" },
        { "🚀 Rocket 🎉 Launch", "rocket-launch" },
        { "   ", "workspace" },
        { "", "workspace" },
        { "!!!@@@###", "workspace" },
        { "--Leading -- and trailing--", "leading-and-trailing" },
        { "a___b...c", "a-b-c" },
        { "Ｆｕｌｌｗｉｄｔｈ", "fullwidth" },
        { "ﬁnance²", "finance2" },
        { "Zoë's Café", "zoe-s-cafe" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void GivenAWorkspaceName_WhenSlugged_ThenTheSlugIsLowerCaseAsciiWithSingleDashes(string name, string expected)
    {
        var slug = Slugs.FromName(name);

        Assert.Equal(expected, slug);
        AssertValidNamespace(Slugs.Namespace(slug));
    }

    [Fact]
    public void GivenA300CharacterName_WhenSlugged_ThenTheNamespaceStillFitsIn63Characters()
    {
        var slug = Slugs.FromName(new string('a', 300));

        Assert.Equal(new string('a', 50), slug);
        AssertValidNamespace(Slugs.Namespace(slug));
        AssertValidNamespace(Slugs.Namespace(Slugs.WithSuffix(slug, Guid.NewGuid())));
    }

    [Fact]
    public void GivenALongNameWhoseCutFallsOnASeparator_WhenSlugged_ThenItDoesNotEndWithADash()
    {
        var slug = Slugs.FromName(new string('a', 49) + " bbbbbb");

        Assert.Equal(new string('a', 49), slug);
        AssertValidNamespace(Slugs.Namespace(Slugs.WithSuffix(slug, Guid.NewGuid())));
    }

    [Fact]
    public void GivenManyRandomUnicodeNames_WhenSlugged_ThenEveryNamespaceAndSuffixedNamespaceIsAValidLabel()
    {
        var random = new Random(20261204);
        string[] alphabet = ["a", "Z", "9", " ", "-", "_", ".", "é", "Ü", "ß", "ø", "数", "据", "🚀", "\u0301", "İ", "ﬁ", "Ⅻ", "\t", "'", "Ω", "ǅ"];
        for (var i = 0; i < 2000; i++)
        {
            var name = new StringBuilder();
            var length = random.Next(0, 320);
            for (var j = 0; j < length; j++)
                name.Append(alphabet[random.Next(alphabet.Length)]);
            var slug = Slugs.FromName(name.ToString());
            AssertValidNamespace(Slugs.Namespace(slug));
            AssertValidNamespace(Slugs.Namespace(Slugs.WithSuffix(slug, Guid.NewGuid())));
        }
    }

    [Fact]
    public void GivenATakenSlug_WhenSuffixed_ThenTheFirstSixHexDigitsOfTheWorkspaceIdAreAppended()
    {
        var workspaceId = Guid.Parse("0a1b2c3d-4e5f-4a6b-8c7d-8e9fa0b1c2d3");

        Assert.Equal("acme-corp-0a1b2c", Slugs.WithSuffix("acme-corp", workspaceId));
        Assert.Equal("workspace-0a1b2c", Slugs.WithSuffix(Slugs.FromName("🚀"), workspaceId));
        Assert.Equal("ws-acme-corp-0a1b2c", Slugs.Namespace(Slugs.WithSuffix("acme-corp", workspaceId)));
    }
}
