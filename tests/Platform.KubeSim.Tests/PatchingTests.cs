using System.Text.Json.Nodes;
using Platform.KubeSim.Patching;
using Xunit;

namespace Platform.KubeSim.Tests;

/// <summary>The patch formats, as pure functions.</summary>
public sealed class PatchingTests
{
    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private static readonly JsonObject Deployment = Obj("""
        {"spec":{"template":{"spec":{"containers":[
          {"name":"web","image":"nginx:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"ports":[{"containerPort":80}]},
          {"name":"sidecar","image":"envoy:1"}]}}}}
        """);

    [Fact]
    public void StrategicMerge_MergesContainersByName_AndEnvByName()
    {
        var patched = StrategicMergePatch.Apply(Deployment, Obj("""
            {"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:2","env":[{"name":"B","value":"3"}]}]}}}}
            """), "Deployment");

        var containers = patched["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(2, containers.Count);
        Assert.Equal("nginx:2", containers[0]!["image"]!.GetValue<string>());
        Assert.Equal("envoy:1", containers[1]!["image"]!.GetValue<string>());
        Assert.Equal("""[{"name":"A","value":"1"},{"name":"B","value":"3"}]""", containers[0]!["env"]!.ToJsonString());
    }

    [Fact]
    public void StrategicMerge_HonoursDeleteAndReplaceDirectives()
    {
        var deleted = StrategicMergePatch.Apply(Deployment, Obj("""
            {"$setElementOrder/containers":[{"name":"web"}],"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}}
            """), "Deployment");
        Assert.Single(deleted["spec"]!["template"]!["spec"]!["containers"]!.AsArray());

        var replaced = StrategicMergePatch.Apply(Deployment, Obj("""
            {"spec":{"template":{"spec":{"$patch":"replace","containers":[{"name":"only","image":"x"}]}}}}
            """), "Deployment");
        Assert.Equal("""[{"name":"only","image":"x"}]""", replaced["spec"]!["template"]!["spec"]!["containers"]!.ToJsonString());
    }

    [Fact]
    public void StrategicMerge_MergesServicePortsByPort()
    {
        var service = Obj("""{"spec":{"ports":[{"port":80,"targetPort":8080},{"port":443}]}}""");

        var patched = StrategicMergePatch.Apply(service, Obj("""{"spec":{"ports":[{"port":80,"targetPort":9090}]}}"""), "Service");

        Assert.Equal("""[{"port":80,"targetPort":9090},{"port":443}]""", patched["spec"]!["ports"]!.ToJsonString());
    }

    [Fact]
    public void MergePatch_ReplacesListsAndRemovesNulls()
    {
        var patched = JsonMergePatch.Apply(Obj("""{"a":{"b":1,"c":2},"l":[1,2]}"""), Obj("""{"a":{"b":null,"d":3},"l":[3]}"""));

        Assert.Equal("""{"a":{"c":2,"d":3},"l":[3]}""", patched!.ToJsonString());
    }

    [Fact]
    public void JsonPatch_AddsReplacesRemovesAndTests()
    {
        var patched = JsonPatch.Apply(Obj("""{"spec":{"replicas":1,"labels":["a"]}}"""), JsonNode.Parse("""
            [{"op":"test","path":"/spec/replicas","value":1},
             {"op":"replace","path":"/spec/replicas","value":4},
             {"op":"add","path":"/spec/labels/-","value":"b"},
             {"op":"remove","path":"/spec/labels/0"},
             {"op":"add","path":"/metadata","value":{"name":"x"}}]
            """));

        Assert.Equal("""{"spec":{"replicas":4,"labels":["b"]},"metadata":{"name":"x"}}""", patched.ToJsonString());
    }

    [Fact]
    public void ApplyBody_ReadsYaml()
    {
        var parsed = ManifestBody.ParseYamlObject("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  port: \"80\"\n  on: 'yes'\nspec:\n  replicas: 3\n");

        Assert.Equal("x", parsed["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("80", parsed["data"]!["port"]!.GetValue<string>());
        Assert.Equal(3, parsed["spec"]!["replicas"]!.GetValue<long>());
    }
}
