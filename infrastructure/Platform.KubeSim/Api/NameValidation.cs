using System.Text.RegularExpressions;
using Platform.KubeSim.Resources;

namespace Platform.KubeSim.Api;

/// <summary>Kubernetes object name rules (RFC 1123 labels and subdomains, path segments).</summary>
public static partial class NameValidation
{
    public static void Validate(ResourceType type, string name)
    {
        var problem = type.NameRule switch
        {
            NameRule.Dns1123Label when name.Length > 63 => "must be no more than 63 characters",
            NameRule.Dns1123Label when !Label().IsMatch(name) =>
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            NameRule.Dns1123Subdomain when name.Length > 253 => "must be no more than 253 characters",
            NameRule.Dns1123Subdomain when !Subdomain().IsMatch(name) =>
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            NameRule.PathSegment when name is "." or ".." || name.Contains('/') || name.Contains('%') =>
                "may not be '.' or '..' and may not contain '/' or '%'",
            _ => null,
        };
        if (problem is not null)
        {
            throw ApiException.Invalid(type, name, "metadata.name", $"Invalid value: \"{name}\": {problem}");
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
}
