using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.KubeSim.Api;
using YamlDotNet.RepresentationModel;

namespace Platform.KubeSim.Patching;

/// <summary>Reads request bodies: JSON, or YAML for server-side apply.</summary>
public static class ManifestBody
{
    public static JsonNode? ParseJson(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"the body of the request could not be decoded as JSON: {e.Message}");
        }
    }

    public static JsonObject ParseObject(string body) =>
        ParseJson(body) as JsonObject ?? throw ApiException.BadRequest("the body of the request must be a JSON object");

    /// <summary>Parses a YAML (or JSON, which is YAML) document into JSON nodes.</summary>
    public static JsonObject ParseYamlObject(string body)
    {
        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            return ParseObject(body);
        }
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(body));
            if (stream.Documents.Count == 0 || ToJson(stream.Documents[0].RootNode) is not JsonObject obj)
            {
                throw ApiException.BadRequest("the body of the request must be a YAML or JSON object");
            }
            return obj;
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw ApiException.BadRequest($"the body of the request could not be decoded as YAML: {e.Message}");
        }
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c =>
            KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? "", ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted
            or YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded)
        {
            return JsonValue.Create(text);
        }
        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number) && text.Any(char.IsDigit) => JsonValue.Create(number),
            _ => JsonValue.Create(text),
        };
    }
}
