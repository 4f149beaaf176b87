using System.Text;
using System.Text.Json.Nodes;

namespace Platform.KubeSim.Api;

/// <summary>
/// Reads the Kubernetes protobuf encoding ("k8s\0" + runtime.Unknown) for objects made of metadata alone,
/// which is what typed clients such as `kubectl create namespace` or `kubectl create serviceaccount` send.
/// Anything richer is refused with 415 so the client is told to send JSON.
/// </summary>
public static class ProtobufBody
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";
    private static readonly byte[] Magic = "k8s\0"u8.ToArray();

    public static JsonObject Decode(byte[] body)
    {
        if (body.Length < Magic.Length || !body.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw ApiException.BadRequest("the protobuf body does not start with the Kubernetes magic number");
        }
        string? apiVersion = null, kind = null;
        byte[]? raw = null;
        foreach (var (field, value) in Fields(body.AsMemory(Magic.Length)))
        {
            switch (field)
            {
                case 1:
                    foreach (var (typeField, typeValue) in Fields(value))
                    {
                        if (typeField == 1) apiVersion = Text(typeValue);
                        if (typeField == 2) kind = Text(typeValue);
                    }
                    break;
                case 2:
                    raw = value.ToArray();
                    break;
            }
        }
        var obj = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        foreach (var (field, value) in Fields(raw ?? []))
        {
            if (field == 1)
            {
                obj["metadata"] = ObjectMeta(value);
            }
            else if (value.Length > 0 && !(kind == "Namespace" && field is 2 or 3))
            {
                throw new ApiException(415, "UnsupportedMediaType",
                    $"KubeSim reads protobuf bodies only for objects made of metadata; send {kind} as {"application/json"}");
            }
        }
        return obj;
    }

    private static JsonObject ObjectMeta(ReadOnlyMemory<byte> message)
    {
        var metadata = new JsonObject();
        var labels = new JsonObject();
        var annotations = new JsonObject();
        foreach (var (field, value) in Fields(message))
        {
            switch (field)
            {
                case 1: metadata["name"] = Text(value); break;
                case 2: metadata["generateName"] = Text(value); break;
                case 3: metadata["namespace"] = Text(value); break;
                case 11: AddEntry(labels, value); break;
                case 12: AddEntry(annotations, value); break;
            }
        }
        if (labels.Count > 0) metadata["labels"] = labels;
        if (annotations.Count > 0) metadata["annotations"] = annotations;
        return metadata;
    }

    private static void AddEntry(JsonObject map, ReadOnlyMemory<byte> entry)
    {
        string key = "", value = "";
        foreach (var (field, bytes) in Fields(entry))
        {
            if (field == 1) key = Text(bytes);
            if (field == 2) value = Text(bytes);
        }
        map[key] = value;
    }

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    /// <summary>The length-delimited fields of a protobuf message (varint fields are skipped).</summary>
    private static IEnumerable<(int Field, ReadOnlyMemory<byte> Value)> Fields(ReadOnlyMemory<byte> message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var key = ReadVarint(message.Span, ref position);
            var field = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    ReadVarint(message.Span, ref position);
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message.Span, ref position);
                    if (position + length > message.Length)
                    {
                        throw ApiException.BadRequest("truncated protobuf body");
                    }
                    yield return (field, message.Slice(position, length));
                    position += length;
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw ApiException.BadRequest("unsupported protobuf wire type");
            }
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length)
            {
                throw ApiException.BadRequest("truncated protobuf varint");
            }
            var b = data[position++];
            result |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
        throw ApiException.BadRequest("protobuf varint too long");
    }
}
