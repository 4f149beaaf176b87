using System.Text.RegularExpressions;

namespace Platform.KubeSim.Api;

/// <summary>A parsed label selector string: a=b, a==b, a!=b, a in (x,y), a notin (x,y), a, !a, comma separated.</summary>
public sealed partial class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> requirements = [];

    public static LabelSelector Everything { get; } = new();

    public static LabelSelector Parse(string? selector)
    {
        var parsed = new LabelSelector();
        foreach (var term in SplitTerms(selector ?? ""))
        {
            parsed.requirements.Add(ParseTerm(term));
        }
        return parsed;
    }

    /// <summary>A selector from a matchLabels map (workload selectors).</summary>
    public static LabelSelector FromMatchLabels(IReadOnlyDictionary<string, string> matchLabels)
    {
        var parsed = new LabelSelector();
        foreach (var (key, value) in matchLabels)
        {
            parsed.requirements.Add(labels => labels.TryGetValue(key, out var actual) && actual == value);
        }
        return parsed;
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => requirements.All(r => r(labels));

    private static IEnumerable<string> SplitTerms(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            depth += selector[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (selector[i] == ',' && depth == 0)
            {
                yield return selector[start..i].Trim();
                start = i + 1;
            }
        }
        var last = selector[start..].Trim();
        if (last.Length > 0)
        {
            yield return last;
        }
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseTerm(string term)
    {
        var set = SetTerm().Match(term);
        if (set.Success)
        {
            var key = set.Groups["key"].Value;
            var values = set.Groups["values"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
            return set.Groups["op"].Value == "in"
                ? labels => labels.TryGetValue(key, out var v) && values.Contains(v)
                : labels => !labels.TryGetValue(key, out var v) || !values.Contains(v);
        }
        var notEqual = term.IndexOf("!=", StringComparison.Ordinal);
        if (notEqual > 0)
        {
            var key = term[..notEqual].Trim();
            var value = term[(notEqual + 2)..].Trim();
            return labels => !labels.TryGetValue(key, out var v) || v != value;
        }
        var equal = term.IndexOf('=');
        if (equal > 0)
        {
            var key = term[..equal].Trim();
            var value = term[(equal + 1)..].TrimStart('=').Trim();
            return labels => labels.TryGetValue(key, out var v) && v == value;
        }
        if (term.StartsWith('!'))
        {
            var key = term[1..].Trim();
            return labels => !labels.ContainsKey(key);
        }
        if (LabelKey().IsMatch(term))
        {
            return labels => labels.ContainsKey(term);
        }
        throw ApiException.BadRequest($"unable to parse requirement: invalid label selector term \"{term}\"");
    }

    [GeneratedRegex(@"^(?<key>[A-Za-z0-9./_-]+)\s+(?<op>in|notin)\s*\((?<values>[^)]*)\)$")]
    private static partial Regex SetTerm();

    [GeneratedRegex(@"^[A-Za-z0-9./_-]+$")]
    private static partial Regex LabelKey();
}
