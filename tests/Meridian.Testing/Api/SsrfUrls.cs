using System.Net;
using System.Net.Sockets;
using Meridian.Testing.Targets;

namespace Meridian.Testing.Api;

/// <summary>
/// Addresses Meridian must never audit or post to: the classic spellings of loopback, private
/// networks and cloud metadata (each seen in SSRF write-ups), port 0, and one address inside every
/// IANA special-purpose block. Every one is a 400 as an audit url, a monitor url and a webhook.
/// </summary>
public static class SsrfUrls
{
    public static IReadOnlyList<string> Spellings { get; } =
    [
        "http://127.0.0.1/",
        "http://127.1/",
        "http://0177.0.0.1/",
        "http://0x7f000001/",
        "http://2130706433/",
        "http://0.0.0.0/",
        "http://0/",
        "http://localhost/",
        "http://LOCALHOST./",
        "http://foo.localhost/",
        "http://localhost.localdomain/",
        "http://[::1]/",
        "http://[::]/",
        "http://[0:0:0:0:0:0:0:1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/",
        "http://[::ffff:0:7f00:1]/",
        "http://[::ffff:0:a9fe:a9fe]/",
        "http://[::127.0.0.1]/",
        "http://[64:ff9b::7f00:1]/",
        "http://[2002:7f00:1::1]/",
        "http://[fe80::1%25eth0]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://169.254.169.254.nip.io/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://metadata/",
        "http://100.100.100.200/latest/meta-data/",
        "http://168.63.129.16/",
        "http://10.0.0.1/",
        "http://172.16.0.1/",
        "http://192.168.1.1/",
        "http://93.184.215.14:0/",
        "https://93.184.215.14:0/",
        "http://user@127.0.0.1/",
        "http://127.0.0.1:80@93.184.215.14/",
        "http://printer.home.arpa/",
        "http://router.lan/",
        "http://service.internal/",
    ];

    /// <summary><see cref="Spellings"/> and an address inside each special-purpose block.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        .. Spellings,
        .. SpecialPurposeBlocks.All.Select(b => Url(SpecialPurposeBlocks.Middle(b.Block))).Distinct(StringComparer.Ordinal),
    ];

    private static string Url(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? $"http://[{address}]/" : $"http://{address}/";
}
