using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.KubeSim.Api;

/// <summary>
/// Reads the Kubernetes protobuf encoding ("k8s\0" + runtime.Unknown{typeMeta, raw}) that typed clients such as
/// `kubectl create` send, turning the object into the same JSON the JSON path would have received. Decoding follows the
/// hand-written tables of <see cref="ProtobufSchema"/>; a kind or a field number they do not know is refused with 415
/// (naming the message and the field) so that nothing is half-stored and the client knows to send JSON.
/// </summary>
public static class ProtobufBody
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";
    private static readonly byte[] Magic = "k8s\0"u8.ToArray();

    private readonly record struct WireField(int Number, int WireType, ulong Varint, ReadOnlyMemory<byte> Bytes);

    public static JsonObject Decode(byte[] body)
    {
        if (body.Length < Magic.Length || !body.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw ApiException.BadRequest("the protobuf body does not start with the Kubernetes magic number");
        }
        string? apiVersion = null, kind = null, contentEncoding = null, contentType = null;
        ReadOnlyMemory<byte> raw = default;
        foreach (var field in Fields(body.AsMemory(Magic.Length)))
        {
            switch (field.Number, field.WireType)
            {
                case (1, 2):
                    foreach (var typeField in Fields(field.Bytes))
                    {
                        if (typeField is { Number: 1, WireType: 2 }) apiVersion = Text(typeField.Bytes);
                        else if (typeField is { Number: 2, WireType: 2 }) kind = Text(typeField.Bytes);
                    }
                    break;
                case (2, 2): raw = field.Bytes; break;
                case (3, 2): contentEncoding = Text(field.Bytes); break;
                case (4, 2): contentType = Text(field.Bytes); break;
                default: throw Unsupported("runtime.Unknown", field.Number);
            }
        }
        if (!string.IsNullOrEmpty(contentEncoding) || (!string.IsNullOrEmpty(contentType) && contentType != MediaType))
        {
            throw new ApiException(415, "UnsupportedMediaType",
                $"KubeSim reads protobuf bodies without content encoding only (got encoding \"{contentEncoding}\", type \"{contentType}\"); send the object as application/json");
        }
        if (kind is null || !ProtobufSchema.Kinds.Contains(kind))
        {
            throw new ApiException(415, "UnsupportedMediaType",
                $"KubeSim does not read protobuf bodies of kind \"{kind}\"; send the object as application/json");
        }
        var obj = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        DecodeInto(obj, kind, raw);
        return obj;
    }

    /// <summary>Decodes one message of <see cref="ProtobufSchema"/> (without envelope) into JSON.</summary>
    public static JsonObject DecodeMessage(string message, byte[] data) => Message(message, data);

    private static JsonObject Message(string message, ReadOnlyMemory<byte> data)
    {
        var obj = new JsonObject();
        DecodeInto(obj, message, data);
        return obj;
    }

    private static ApiException Unsupported(string message, int number) =>
        new(415, "UnsupportedMediaType",
            $"KubeSim cannot read field {number} of protobuf message {message}; send the object as application/json");

    private static void DecodeInto(JsonObject target, string message, ReadOnlyMemory<byte> data)
    {
        var fields = ProtobufSchema.Messages[message];
        foreach (var wire in Fields(data))
        {
            if (!fields.TryGetValue(wire.Number, out var field))
            {
                throw Unsupported(message, wire.Number);
            }
            if (field.Kind == ProtoKind.Inline)
            {
                Expect(wire, 2, message, field);
                DecodeInto(target, field.Message!, wire.Bytes);
                continue;
            }
            if (field.Repeated && wire.WireType == 2 && IsPackable(field.Kind))
            {
                foreach (var item in Packed(wire.Bytes, field.Kind))
                {
                    Add(target, field, item);
                }
                continue;
            }
            var value = Value(wire, message, field);
            if (field.Repeated)
            {
                Add(target, field, value);
            }
            else if (field.Kind is ProtoKind.MapString or ProtoKind.MapBytes or ProtoKind.MapQuantity)
            {
                var (key, entry) = MapEntry(wire, message, field);
                if (target[field.Json] is not JsonObject map)
                {
                    target[field.Json] = map = new JsonObject();
                }
                map[key] = entry;
            }
            else if (value is null || (!field.KeepZero && IsZero(value)))
            {
                target.Remove(field.Json);
            }
            else
            {
                target[field.Json] = value;
            }
        }
    }

    private static void Add(JsonObject target, ProtoField field, JsonNode? value)
    {
        if (target[field.Json] is not JsonArray list)
        {
            target[field.Json] = list = new JsonArray();
        }
        list.Add(value);
    }

    private static bool IsPackable(ProtoKind kind) =>
        kind is ProtoKind.Int32 or ProtoKind.Int64 or ProtoKind.UInt or ProtoKind.Bool or ProtoKind.Double;

    private static IEnumerable<JsonNode> Packed(ReadOnlyMemory<byte> bytes, ProtoKind kind)
    {
        var position = 0;
        while (position < bytes.Length)
        {
            if (kind == ProtoKind.Double)
            {
                if (position + 8 > bytes.Length) throw ApiException.BadRequest("truncated packed protobuf doubles");
                yield return JsonValue.Create(BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(bytes.Span.Slice(position, 8))));
                position += 8;
            }
            else
            {
                yield return VarintValue(ReadVarint(bytes.Span, ref position), kind);
            }
        }
    }

    private static JsonNode VarintValue(ulong value, ProtoKind kind) => kind switch
    {
        // An int32 is sign-extended to 64 bits on the wire (a negative one takes ten bytes); its low 32 bits are the value.
        ProtoKind.Int32 => JsonValue.Create(unchecked((int)value)),
        ProtoKind.Int64 => JsonValue.Create(unchecked((long)value)),
        ProtoKind.UInt => JsonValue.Create(value),
        _ => JsonValue.Create(value != 0),
    };

    private static void Expect(WireField wire, int wireType, string message, ProtoField field)
    {
        if (wire.WireType != wireType)
        {
            throw ApiException.BadRequest(
                $"protobuf field {wire.Number} ({field.Json}) of message {message} has wire type {wire.WireType}, expected {wireType}");
        }
    }

    private static JsonNode? Value(WireField wire, string message, ProtoField field)
    {
        switch (field.Kind)
        {
            case ProtoKind.Int32 or ProtoKind.Int64 or ProtoKind.UInt or ProtoKind.Bool:
                Expect(wire, 0, message, field);
                return VarintValue(wire.Varint, field.Kind);
            case ProtoKind.Double:
                Expect(wire, 1, message, field);
                return JsonValue.Create(BitConverter.Int64BitsToDouble(unchecked((long)wire.Varint)));
            case ProtoKind.MapString or ProtoKind.MapBytes or ProtoKind.MapQuantity:
                return null; // handled by MapEntry
        }
        Expect(wire, 2, message, field);
        var bytes = wire.Bytes;
        return field.Kind switch
        {
            ProtoKind.String => JsonValue.Create(Text(bytes)),
            ProtoKind.Bytes => JsonValue.Create(Convert.ToBase64String(bytes.Span)),
            ProtoKind.Message => Message(field.Message!, bytes),
            ProtoKind.Quantity => JsonValue.Create(Quantity(bytes)),
            ProtoKind.IntOrString => IntOrString(bytes),
            ProtoKind.Time => Time(bytes, micro: false),
            ProtoKind.MicroTime => Time(bytes, micro: true),
            ProtoKind.Duration => JsonValue.Create(GoDuration(SingleVarint(bytes, "Duration"))),
            ProtoKind.RawExtension => RawJson(bytes, "RawExtension"),
            ProtoKind.FieldsV1 => RawJson(bytes, "FieldsV1"),
            _ => throw new InvalidOperationException($"unhandled protobuf kind {field.Kind}"),
        };
    }

    private static bool IsZero(JsonNode value) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length == 0,
        JsonValue v when v.TryGetValue<bool>(out var b) => !b,
        JsonValue v when v.TryGetValue<int>(out var i) => i == 0,
        JsonValue v when v.TryGetValue<long>(out var l) => l == 0,
        JsonValue v when v.TryGetValue<ulong>(out var u) => u == 0,
        JsonValue v when v.TryGetValue<double>(out var d) => d == 0,
        _ => false, // messages are kept even when empty, as Go's JSON encoder keeps struct fields
    };

    private static (string Key, JsonNode? Value) MapEntry(WireField wire, string message, ProtoField field)
    {
        Expect(wire, 2, message, field);
        var key = "";
        JsonNode? value = field.Kind switch
        {
            ProtoKind.MapBytes => JsonValue.Create(""),
            ProtoKind.MapQuantity => JsonValue.Create("0"),
            _ => JsonValue.Create(""),
        };
        foreach (var entry in Fields(wire.Bytes))
        {
            switch (entry.Number, entry.WireType)
            {
                case (1, 2): key = Text(entry.Bytes); break;
                case (2, 2):
                    value = field.Kind switch
                    {
                        ProtoKind.MapBytes => JsonValue.Create(Convert.ToBase64String(entry.Bytes.Span)),
                        ProtoKind.MapQuantity => JsonValue.Create(Quantity(entry.Bytes)),
                        _ => JsonValue.Create(Text(entry.Bytes)),
                    };
                    break;
                default: throw Unsupported($"{message}.{field.Json} (map entry)", entry.Number);
            }
        }
        return (key, value);
    }

    /// <summary>resource.Quantity: message { string string = 1 } → the JSON string.</summary>
    private static string Quantity(ReadOnlyMemory<byte> bytes)
    {
        var text = "0";
        foreach (var field in Fields(bytes))
        {
            if (field is not { Number: 1, WireType: 2 }) throw Unsupported("resource.Quantity", field.Number);
            text = Text(field.Bytes);
        }
        return text;
    }

    /// <summary>intstr.IntOrString: { int64 type = 1 (0 int, 1 string); int32 intVal = 2; string strVal = 3 } → number or string.</summary>
    private static JsonNode IntOrString(ReadOnlyMemory<byte> bytes)
    {
        long type = 0;
        var intVal = 0;
        var strVal = "";
        foreach (var field in Fields(bytes))
        {
            switch (field.Number, field.WireType)
            {
                case (1, 0): type = unchecked((long)field.Varint); break;
                case (2, 0): intVal = unchecked((int)field.Varint); break;
                case (3, 2): strVal = Text(field.Bytes); break;
                default: throw Unsupported("intstr.IntOrString", field.Number);
            }
        }
        return type == 1 ? JsonValue.Create(strVal) : JsonValue.Create(intVal);
    }

    /// <summary>meta/v1 Time and MicroTime: { int64 seconds = 1; int32 nanos = 2 } → RFC 3339 (an empty message is the zero time: absent).</summary>
    private static JsonNode? Time(ReadOnlyMemory<byte> bytes, bool micro)
    {
        if (bytes.Length == 0) return null;
        long seconds = 0;
        var nanos = 0;
        foreach (var field in Fields(bytes))
        {
            switch (field.Number, field.WireType)
            {
                case (1, 0): seconds = unchecked((long)field.Varint); break;
                case (2, 0): nanos = unchecked((int)field.Varint); break;
                default: throw Unsupported(micro ? "meta.v1.MicroTime" : "meta.v1.Time", field.Number);
            }
        }
        var time = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.AddTicks(nanos / 100);
        return JsonValue.Create(time.ToString(micro ? "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'" : "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    private static long SingleVarint(ReadOnlyMemory<byte> bytes, string message)
    {
        long value = 0;
        foreach (var field in Fields(bytes))
        {
            if (field is not { Number: 1, WireType: 0 }) throw Unsupported(message, field.Number);
            value = unchecked((long)field.Varint);
        }
        return value;
    }

    /// <summary>runtime.RawExtension / meta.v1.FieldsV1: { bytes raw = 1 } holding JSON.</summary>
    private static JsonNode? RawJson(ReadOnlyMemory<byte> bytes, string message)
    {
        ReadOnlyMemory<byte> raw = default;
        foreach (var field in Fields(bytes))
        {
            if (field is not { Number: 1, WireType: 2 }) throw Unsupported(message, field.Number);
            raw = field.Bytes;
        }
        if (raw.Length == 0) return null;
        try
        {
            return JsonNode.Parse(raw.Span);
        }
        catch (JsonException)
        {
            throw new ApiException(415, "UnsupportedMediaType", $"KubeSim reads a protobuf {message} only when it holds JSON; send the object as application/json");
        }
    }

    /// <summary>Go's time.Duration.String(), which is how metav1.Duration appears in JSON.</summary>
    public static string GoDuration(long nanoseconds)
    {
        if (nanoseconds == 0) return "0s";
        var negative = nanoseconds < 0;
        var u = negative ? unchecked((ulong)(-(nanoseconds + 1))) + 1 : (ulong)nanoseconds;
        string text;
        if (u < 1_000_000_000UL)
        {
            var (unit, suffix) = u < 1_000UL ? (1UL, "ns") : u < 1_000_000UL ? (1_000UL, "µs") : (1_000_000UL, "ms");
            text = Fraction(u, unit) + suffix;
        }
        else
        {
            var hours = u / 3_600_000_000_000UL;
            var rest = u % 3_600_000_000_000UL;
            var minutes = rest / 60_000_000_000UL;
            var seconds = Fraction(rest % 60_000_000_000UL, 1_000_000_000UL) + "s";
            text = hours > 0 ? $"{hours}h{minutes}m{seconds}" : minutes > 0 ? $"{minutes}m{seconds}" : seconds;
        }
        return negative ? "-" + text : text;
    }

    private static string Fraction(ulong value, ulong unit)
    {
        var whole = value / unit;
        var fraction = value % unit;
        if (fraction == 0) return whole.ToString(CultureInfo.InvariantCulture);
        var digits = unit.ToString(CultureInfo.InvariantCulture).Length - 1;
        return whole.ToString(CultureInfo.InvariantCulture) + "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
    }

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    private static IEnumerable<WireField> Fields(ReadOnlyMemory<byte> message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var key = ReadVarint(message.Span, ref position);
            var number = key >> 3;
            if (number is 0 or > int.MaxValue)
            {
                throw ApiException.BadRequest("invalid protobuf field number");
            }
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0:
                    yield return new WireField((int)number, 0, ReadVarint(message.Span, ref position), default);
                    break;
                case 1:
                    if (position + 8 > message.Length) throw ApiException.BadRequest("truncated protobuf body");
                    yield return new WireField((int)number, 1, BinaryPrimitives.ReadUInt64LittleEndian(message.Span.Slice(position, 8)), default);
                    position += 8;
                    break;
                case 2:
                    var length = ReadVarint(message.Span, ref position);
                    if (length > (ulong)(message.Length - position))
                    {
                        throw ApiException.BadRequest("truncated protobuf body");
                    }
                    yield return new WireField((int)number, 2, 0, message.Slice(position, (int)length));
                    position += (int)length;
                    break;
                case 5:
                    if (position + 4 > message.Length) throw ApiException.BadRequest("truncated protobuf body");
                    yield return new WireField((int)number, 5, BinaryPrimitives.ReadUInt32LittleEndian(message.Span.Slice(position, 4)), default);
                    position += 4;
                    break;
                default:
                    throw ApiException.BadRequest($"unsupported protobuf wire type {wireType}");
            }
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
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
