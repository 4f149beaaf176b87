namespace Platform.KubeSim.Api;

/// <summary>The random name suffixes Kubernetes uses for generateName and pods (no vowels, no ambiguous characters).</summary>
public static class RandomSuffix
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Next(int length) =>
        string.Create(length, 0, (chars, _) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
            }
        });

    /// <summary>A stable short hash (like pod-template-hash) of some text.</summary>
    public static string StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }
        var chars = new char[10];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[(int)(hash % (uint)Alphabet.Length)];
            hash = hash / (uint)Alphabet.Length + (uint)(i * 7919);
        }
        return new string(chars);
    }
}
