using System.Net;
using System.Net.Sockets;

namespace Platform.Billing.Webhooks;

/// <summary>
/// Where webhooks may go: public hosts only, unless Platform:Webhooks:AllowPrivateTargets is on. Checked twice: on the URL
/// when a subscription is created (an address literal or an internal name is refused at once), and on every connection,
/// where the host is resolved, every address it resolves to is checked, and the socket is opened to a checked address, so
/// a name that later resolves to an internal address (DNS rebinding) is never connected to.
/// </summary>
public static class WebhookTargets
{
    /// <summary>
    /// Whether an address is not on the public internet: unspecified, loopback, private (10/8, 172.16/12, 192.168/16,
    /// 100.64/10, fc00::/7), link-local (169.254/16 with the cloud metadata service, fe80::/10), reserved, benchmark,
    /// multicast or broadcast; IPv4 inside IPv6 (mapped, NAT64, 6to4) is judged by its IPv4 address.
    /// </summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        var b = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return b[0] is 0 or 10 or 127 or >= 224                  // this network, private, loopback, multicast, reserved, broadcast
                   || (b[0] == 100 && (b[1] & 0xC0) == 64)           // 100.64.0.0/10 carrier-grade NAT (some clouds' metadata)
                   || (b[0] == 169 && b[1] == 254)                   // link-local, 169.254.169.254 metadata
                   || (b[0] == 172 && (b[1] & 0xF0) == 16)           // 172.16.0.0/12
                   || (b[0] == 192 && b[1] == 0 && b[2] == 0)        // 192.0.0.0/24 protocol assignments
                   || (b[0] == 192 && b[1] == 168)                   // 192.168.0.0/16
                   || (b[0] == 198 && (b[1] & 0xFE) == 18);          // 198.18.0.0/15 benchmarking
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return true;
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
            return true;                                             // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
            return IsPrivate(new IPAddress(b.AsSpan(12, 4)));        // 64:ff9b::/96 NAT64
        if (b[0] == 0x20 && b[1] == 0x02)
            return IsPrivate(new IPAddress(b.AsSpan(2, 4)));         // 2002::/16 6to4
        return (b[0] & 0xFE) == 0xFC                                 // fc00::/7 unique local
               || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)            // fe80::/10 link-local
               || (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0)            // fec0::/10 site-local (deprecated)
               || b[0] == 0xFF                                       // multicast
               || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0); // 2001::/32 Teredo (hides an IPv4 address)
    }

    /// <summary>
    /// Whether a host name (not an address) names something internal: localhost and *.localhost, *.local, *.internal
    /// (cloud metadata names such as metadata.google.internal) and single-label names, which resolvers complete with
    /// internal search domains.
    /// </summary>
    public static bool IsInternalName(string host)
    {
        var name = host.TrimEnd('.').ToLowerInvariant();
        return name.Length == 0 || !name.Contains('.') || name == "localhost"
               || name.EndsWith(".localhost", StringComparison.Ordinal)
               || name.EndsWith(".local", StringComparison.Ordinal)
               || name.EndsWith(".internal", StringComparison.Ordinal);
    }

    /// <summary>Whether the host of a URL may be a webhook target: a public address, or a name that is not internal.</summary>
    public static bool IsAllowedHost(Uri uri) =>
        uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            ? IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && !IsPrivate(address)
            : !IsInternalName(uri.IdnHost);

    /// <summary>
    /// The addresses of <paramref name="host"/> that may be connected to: all of them when private targets are allowed;
    /// otherwise none if any is private (a name that mixes public and internal addresses is not trusted).
    /// </summary>
    public static IReadOnlyList<IPAddress> Vet(string host, IReadOnlyList<IPAddress> addresses, bool allowPrivateTargets)
    {
        if (addresses.Count == 0)
            throw new WebhookTargetNotAllowed(host, "resolves to no address");
        if (!allowPrivateTargets && addresses.Any(IsPrivate))
            throw new WebhookTargetNotAllowed(host, "resolves to a private, loopback or link-local address");
        return addresses;
    }

    /// <summary>
    /// The connect step of the webhook HTTP client: resolve the host once, vet every address, then open the socket to a
    /// vetted address (the next one if it refuses), never resolving again. <paramref name="resolve"/> replaces DNS in tests.
    /// </summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectCallback(
        bool allowPrivateTargets, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        resolve ??= Dns.GetHostAddressesAsync;
        return async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            IReadOnlyList<IPAddress> addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
                ? [literal]
                : await resolve(host, cancellationToken);
            SocketException? refused = null;
            foreach (var address in Vet(host, addresses, allowPrivateTargets))
            {
                Socket? socket = null;
                try
                {
                    socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch (SocketException ex)
                {
                    socket?.Dispose();
                    refused = ex;
                }
                catch
                {
                    socket?.Dispose();
                    throw;
                }
            }
            throw refused!;
        };
    }

    /// <summary>
    /// The primary handler of the webhook HTTP client: no redirects, no cookies, no proxy (the connect step must see the
    /// real target), and <see cref="ConnectCallback"/>.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(WebhookOptions options, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null) => new()
    {
        // A redirect could point anywhere (another host, an internal address): it counts as a failed attempt.
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        // Platform's trace ids stay inside: no traceparent/tracestate headers to partners' receivers.
        ActivityHeadersPropagator = System.Diagnostics.DistributedContextPropagator.CreateNoOutputPropagator(),
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = options.RequestTimeout,
        ConnectCallback = ConnectCallback(options.AllowPrivateTargets, resolve),
    };
}

/// <summary>A webhook's host resolved to an address webhooks may not be sent to; nothing was connected.</summary>
public sealed class WebhookTargetNotAllowed(string host, string reason)
    : Exception($"The webhook host {host} {reason}; webhooks are delivered only to public addresses.");
