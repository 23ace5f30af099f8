using System.Net;
using System.Net.Sockets;

namespace ActionMonth.Bot.Hardening.RateLimiting;

/// <summary>The key a client is rate-limited under: its IPv4 address, or the /64 network of an IPv6 address (one
/// household or phone gets a whole /64 and could otherwise step round a per-address limit). Behind a proxy this is the
/// forwarded address once Hardening:ForwardedHeaders trusts that proxy.</summary>
public static class ClientAddress
{
    public const string Unknown = "unknown";

    public static string KeyOf(HttpContext context) => KeyOf(context.Connection.RemoteIpAddress);

    public static string KeyOf(IPAddress? address)
    {
        if (address is null) return Unknown;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
