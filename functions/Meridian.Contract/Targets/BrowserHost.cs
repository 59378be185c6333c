namespace Meridian.Contract.Targets;

/// <summary>The host of a URL as Chrome will read it, so the guard checks what Chrome connects to.</summary>
internal static class BrowserHost
{
    public static string Of(Uri url)
    {
        // For IPv6, Host is the bracketed address without its zone index.
        if (url.HostNameType == UriHostNameType.IPv6)
        {
            return url.Host;
        }

        // Browsers apply the IDNA (UTS 46) mapping, which turns full-width characters into ASCII:
        // "１２７.０.０.１" is 127.0.0.1 and "ｌｏｃａｌｈｏｓｔ" is localhost. With invariant
        // globalization (our build) Uri.IdnHost skips that mapping and yields punycode, so fold the
        // full-width forms here; any other non-ASCII host is a real IDN and goes out as punycode.
        var folded = string.Create(url.Host.Length, url.Host, static (span, host) =>
        {
            for (var i = 0; i < host.Length; i++)
            {
                span[i] = host[i] switch
                {
                    >= '\uFF01' and <= '\uFF5E' => (char)(host[i] - 0xFEE0),
                    '\u3002' or '\uFF61' => '.', // ideographic and half-width ideographic full stops
                    var c => c,
                };
            }
        });

        return folded.All(char.IsAscii) ? folded.ToLowerInvariant() : url.IdnHost;
    }
}
