using System.Globalization;
using System.Text;

namespace Platform.Tenant.Workspaces;

/// <summary>Workspace slugs and namespace names: valid DNS-1123 labels whatever the workspace is called.</summary>
public static class Slugs
{
    public const string NamespacePrefix = "ws-";
    const int MaxBaseLength = 50; // "ws-" + 50 + "-" + 6-character suffix = 60 <= 63

    /// <summary>Lower-case ASCII letters, digits and single dashes; accents dropped; never empty.</summary>
    public static string FromName(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormKD);
        var slug = new StringBuilder();
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9')
                slug.Append(lower);
            else if (slug.Length > 0 && slug[^1] != '-')
                slug.Append('-');
            if (slug.Length >= MaxBaseLength)
                break;
        }
        var result = slug.ToString().Trim('-');
        return result.Length == 0 ? "workspace" : result;
    }

    /// <summary>The slug to use when the preferred one is taken: a suffix from the workspace id keeps it unique.</summary>
    public static string WithSuffix(string slug, Guid workspaceId) => $"{slug}-{workspaceId:N}"[..(slug.Length + 7)];

    public static string Namespace(string slug) => NamespacePrefix + slug;
}
