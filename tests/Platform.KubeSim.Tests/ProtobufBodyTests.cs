using System.Text;
using System.Text.Json.Nodes;
using Platform.KubeSim.Api;
using Xunit;

namespace Platform.KubeSim.Tests;

/// <summary>The protobuf decoder on hand-encoded messages: wire edge cases and Kubernetes' special types.</summary>
public sealed class ProtobufBodyTests
{
    // ---- a minimal protobuf writer for the tests
    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        } while (value != 0);
        return [.. bytes];
    }

    private static byte[] VarintField(int number, ulong value) => [.. Varint((ulong)number << 3), .. Varint(value)];

    private static byte[] Bytes(int number, byte[] value) => [.. Varint(((ulong)number << 3) | 2), .. Varint((ulong)value.Length), .. value];

    private static byte[] Str(int number, string value) => Bytes(number, Encoding.UTF8.GetBytes(value));

    private static byte[] Message(int number, params byte[][] fields) => Bytes(number, [.. fields.SelectMany(f => f)]);

    private static byte[] Entry(int number, string key, byte[] value) => Message(number, Str(1, key), Bytes(2, value));

    private static byte[] Envelope(string apiVersion, string kind, params byte[][] fields) =>
        [.. "k8s\0"u8.ToArray(), .. Message(1, Str(1, apiVersion), Str(2, kind)), .. Bytes(2, [.. fields.SelectMany(f => f)]), .. Str(3, ""), .. Str(4, "")];

    private static byte[] Metadata(string name) => Message(1, Str(1, name), Str(2, ""), Str(3, "default"), VarintField(7, 0), Bytes(8, []));

    [Fact]
    public void ConfigMap_DecodesMetadataDataAndBinaryDataAsBase64()
    {
        var body = Envelope("v1", "ConfigMap", Metadata("cfg"), Entry(2, "a", "b"u8.ToArray()), Entry(3, "blob", [0, 255, 1]));

        var obj = ProtobufBody.Decode(body);

        Assert.Equal("v1", obj["apiVersion"]!.GetValue<string>());
        Assert.Equal("ConfigMap", obj["kind"]!.GetValue<string>());
        Assert.Equal("cfg", obj["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("default", obj["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Null(obj["metadata"]!["generateName"]); // empty strings are dropped like omitempty
        Assert.Null(obj["metadata"]!["creationTimestamp"]); // the zero time is an empty message
        Assert.Equal("b", obj["data"]!["a"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String(new byte[] { 0, 255, 1 }), obj["binaryData"]!["blob"]!.GetValue<string>());
    }

    [Fact]
    public void Secret_DataIsBase64()
    {
        var obj = ProtobufBody.Decode(Envelope("v1", "Secret", Metadata("s"), Entry(2, "password", "s3cr3t"u8.ToArray()), Str(3, "Opaque")));

        Assert.Equal("czNjcjN0", obj["data"]!["password"]!.GetValue<string>());
        Assert.Equal("Opaque", obj["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(0UL, 0)]
    [InlineData(1UL, 1)]
    [InlineData(127UL, 127)]
    [InlineData(128UL, 128)]
    [InlineData(2147483647UL, int.MaxValue)]
    [InlineData(0xFFFFFFFFFFFFFFFFUL, -1)] // a negative int32 is a ten-byte varint
    [InlineData(0xFFFFFFFF80000000UL, int.MinValue)]
    public void Int32_VarintEdgeCases(ulong wire, int expected)
    {
        Assert.Equal(wire >= 0xFFFFFFFF80000000UL ? 10 : wire < 128 ? 1 : Varint(wire).Length, Varint(wire).Length);

        var spec = ProtobufBody.DecodeMessage("DeploymentSpec", VarintField(1, wire)); // replicas: *int32, zero kept

        Assert.Equal(expected, spec["replicas"]!.GetValue<int>());
    }

    [Fact]
    public void Int64_LargeAndNegativeValues()
    {
        var meta = ProtobufBody.DecodeMessage("ObjectMeta", [.. VarintField(7, long.MaxValue), .. VarintField(10, unchecked((ulong)-5L))]);

        Assert.Equal(long.MaxValue, meta["generation"]!.GetValue<long>());
        Assert.Equal(-5L, meta["deletionGracePeriodSeconds"]!.GetValue<long>());
    }

    [Fact]
    public void ZeroScalars_AreDroppedUnlessTheGoFieldIsAPointer()
    {
        var spec = ProtobufBody.DecodeMessage("DeploymentSpec", [.. VarintField(1, 0), .. VarintField(5, 0), .. VarintField(7, 0)]);

        Assert.Equal(0, spec["replicas"]!.GetValue<int>());
        Assert.Null(spec["minReadySeconds"]);
        Assert.Null(spec["paused"]);
    }

    [Fact]
    public void Bool_AndRepeatedPackedOrUnpackedScalars()
    {
        var packed = ProtobufBody.DecodeMessage("PodSecurityContext", [.. VarintField(3, 1), .. Bytes(4, [.. Varint(1000), .. Varint(2000)])]);
        var unpacked = ProtobufBody.DecodeMessage("PodSecurityContext", [.. VarintField(4, 1000), .. VarintField(4, 2000)]);

        Assert.True(packed["runAsNonRoot"]!.GetValue<bool>());
        Assert.Equal([1000L, 2000L], packed["supplementalGroups"]!.AsArray().Select(v => v!.GetValue<long>()));
        Assert.Equal([1000L, 2000L], unpacked["supplementalGroups"]!.AsArray().Select(v => v!.GetValue<long>()));
    }

    [Fact]
    public void RepeatedStrings_KeepEmptyEntries()
    {
        var rule = ProtobufBody.DecodeMessage("PolicyRule", [.. Str(1, "get"), .. Str(2, ""), .. Str(3, "pods")]);

        Assert.Equal([""], rule["apiGroups"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public void IntOrString_BothWays()
    {
        var number = ProtobufBody.DecodeMessage("ServicePort", [.. VarintField(3, 80), .. Message(4, VarintField(1, 0), VarintField(2, 8080), Str(3, ""))]);
        var named = ProtobufBody.DecodeMessage("ServicePort", [.. VarintField(3, 80), .. Message(4, VarintField(1, 1), VarintField(2, 0), Str(3, "http"))]);

        Assert.Equal(8080, number["targetPort"]!.GetValue<int>());
        Assert.Equal("http", named["targetPort"]!.GetValue<string>());
    }

    [Fact]
    public void Quantity_InMapsAndAlone()
    {
        var quota = ProtobufBody.DecodeMessage("ResourceQuotaSpec",
            [.. Entry(1, "cpu", Str(1, "500m")), .. Entry(1, "memory", Str(1, "1Gi"))]);
        var emptyDir = ProtobufBody.DecodeMessage("EmptyDirVolumeSource", Message(2, Str(1, "64Mi")));

        Assert.Equal("500m", quota["hard"]!["cpu"]!.GetValue<string>());
        Assert.Equal("1Gi", quota["hard"]!["memory"]!.GetValue<string>());
        Assert.Equal("64Mi", emptyDir["sizeLimit"]!.GetValue<string>());
    }

    [Fact]
    public void Time_IsRfc3339()
    {
        var seconds = (ulong)new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero).ToUnixTimeSeconds();

        var meta = ProtobufBody.DecodeMessage("ObjectMeta", Message(8, VarintField(1, seconds), VarintField(2, 0)));

        Assert.Equal("2024-05-06T07:08:09Z", meta["creationTimestamp"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(1_500_000_000L, "1.5s")]
    [InlineData(3_600_000_000_000L, "1h0m0s")]
    [InlineData(90_000_000_000L, "1m30s")]
    [InlineData(2_000_000L, "2ms")]
    [InlineData(-1_000_000_000L, "-1s")]
    public void Duration_IsGoSyntax(long nanoseconds, string expected) => Assert.Equal(expected, ProtobufBody.GoDuration(nanoseconds));

    [Fact]
    public void EmbeddedStructs_AreInlined()
    {
        var volume = ProtobufBody.DecodeMessage("Volume", [.. Str(1, "config"), .. Message(2, Message(19, Message(1, Str(1, "settings"))))]);
        var emptyDir = ProtobufBody.DecodeMessage("Volume", [.. Str(1, "scratch"), .. Message(2, Message(2))]);

        Assert.Equal("settings", volume["configMap"]!["name"]!.GetValue<string>());
        Assert.NotNull(emptyDir["emptyDir"]); // an empty message that was sent is kept: {} selects emptyDir
        Assert.Empty(emptyDir["emptyDir"]!.AsObject());
    }

    [Fact]
    public void UnknownField_Is415NamingMessageAndField()
    {
        var body = Envelope("v1", "ConfigMap", Metadata("cfg"), Str(99, "surprise"));

        var error = Assert.Throws<ApiException>(() => ProtobufBody.Decode(body));

        Assert.Equal(415, error.Code);
        Assert.Equal("UnsupportedMediaType", error.Reason);
        Assert.Contains("field 99", error.Message);
        Assert.Contains("ConfigMap", error.Message);
        Assert.Contains("application/json", error.Message);
    }

    [Fact]
    public void UnknownNestedField_Is415NamingTheNestedMessage()
    {
        var error = Assert.Throws<ApiException>(() => ProtobufBody.DecodeMessage("Container", [.. Str(1, "c"), .. VarintField(77, 1)]));

        Assert.Equal(415, error.Code);
        Assert.Contains("field 77 of protobuf message Container", error.Message);
    }

    [Fact]
    public void UnknownKind_Is415()
    {
        var error = Assert.Throws<ApiException>(() => ProtobufBody.Decode(Envelope("v1", "Node", Metadata("n"))));

        Assert.Equal(415, error.Code);
        Assert.Contains("Node", error.Message);
    }

    [Fact]
    public void TruncatedBody_IsBadRequest()
    {
        var body = Envelope("v1", "ConfigMap", Metadata("cfg"));

        var error = Assert.Throws<ApiException>(() => ProtobufBody.Decode(body[..^5]));

        Assert.Equal(400, error.Code);
    }

    [Fact]
    public void Schema_CoversEveryKindKubeSimServes()
    {
        foreach (var type in Platform.KubeSim.Resources.ResourceCatalog.All)
        {
            Assert.True(ProtobufSchema.Kinds.Contains(type.Kind), $"no protobuf schema for {type.Kind}");
            Assert.True(ProtobufSchema.Messages.ContainsKey(type.Kind), $"no protobuf message for {type.Kind}");
        }
    }

    [Fact]
    public void RawExtension_AndFieldsV1_HoldJson()
    {
        var entry = ProtobufBody.DecodeMessage("ManagedFieldsEntry", [.. Str(1, "kubectl"), .. Message(7, Bytes(1, """{"f:data":{}}"""u8.ToArray()))]);

        Assert.Equal("kubectl", entry["manager"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"f:data":{}}"""), entry["fieldsV1"]));
    }
}
