namespace Meridian.Testing.Api;

/// <summary>
/// One hostile request and the status it must get. <see cref="Raw"/> requests are bytes written to
/// the socket as they are (a broken request line, a chunk size that overflows), which no HTTP client
/// sends. <see cref="BareAllowed"/> marks what the server refuses before any app code runs (a request
/// line that is not HTTP): only the status can be held to account there, not the body.
/// </summary>
public sealed record HostileProbe(
    string Family,
    string Name,
    HttpMethod Method,
    string Path,
    string? Body = null,
    int ExpectedStatus = 400,
    bool Ssrf = false)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public string ContentType { get; init; } = "application/json";

    public byte[]? Raw { get; init; }

    public bool BareAllowed { get; init; }
}
