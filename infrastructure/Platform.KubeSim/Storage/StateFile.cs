using System.Text.Json.Nodes;

namespace Platform.KubeSim.Storage;

/// <summary>Keeps the store in a JSON file under the data directory, written atomically (temp file + rename).</summary>
public sealed class StateFile(string dataDirectory)
{
    public string Path { get; } = System.IO.Path.Combine(dataDirectory, "state.json");

    public void LoadInto(ObjectStore store)
    {
        if (!File.Exists(Path))
        {
            return;
        }
        var root = JsonNode.Parse(File.ReadAllText(Path))?.AsObject()
            ?? throw new InvalidDataException($"KubeSim state file {Path} is empty.");
        var resourceVersion = root["resourceVersion"]?.GetValue<long>() ?? 0;
        var objects = (root["objects"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(entry => (entry["resource"]!.GetValue<string>(), entry["object"]!.DeepClone().AsObject()));
        store.Restore(resourceVersion, objects);
    }

    public void Save(ObjectStore store)
    {
        var (resourceVersion, objects) = store.Snapshot();
        var root = new JsonObject
        {
            ["resourceVersion"] = resourceVersion,
            ["objects"] = new JsonArray(objects
                .Select(o => (JsonNode)new JsonObject { ["resource"] = o.TypeKey, ["object"] = o.Object })
                .ToArray()),
        };
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = Path + ".tmp";
        File.WriteAllText(temporary, root.ToJsonString());
        File.Move(temporary, Path, overwrite: true);
    }
}
