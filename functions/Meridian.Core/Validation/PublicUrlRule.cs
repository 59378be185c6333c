using Meridian.Contract.Targets;

namespace Meridian.Core.Validation;

/// <summary>
/// A URL Meridian will send a request to (a page to audit, an alert webhook): absolute, http(s), no
/// credentials, at most <see cref="MaxUrlLength"/> characters once encoded, and a host the
/// <see cref="TargetGuard"/> lets through. One rule for every such URL, so a fix to it reaches them all.
/// </summary>
public sealed class PublicUrlRule(TargetGuard guard)
{
    public const int MaxUrlLength = 2048;

    /// <summary>The URL, or null after adding one problem per fault, under the field's name.</summary>
    public async Task<Uri?> CheckAsync(string? raw, UrlField field, List<ValidationProblem> problems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(problems);
        if (string.IsNullOrWhiteSpace(raw))
        {
            problems.Add(new(field.Name, field.Required));
            return null;
        }

        var text = raw.Trim();
        if (text.Length > MaxUrlLength)
        {
            problems.Add(new(field.Name, TooLong(text.Length)));
            return null;
        }

        // On Unix, Uri reads "/page" as the file URL file:///page; insisting that the text starts
        // with the scheme Uri found sends such input to the "not absolute" message instead.
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || !text.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new(field.Name, $"'{text}' is not an absolute URL; give the whole address, e.g. https://example.com/."));
            return null;
        }

        var problemsBefore = problems.Count;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add(new(field.Name, $"The URL must start with http:// or https://, not '{uri.Scheme}:'."));
        }

        if (uri.UserInfo.Length > 0)
        {
            problems.Add(new(field.Name, field.NoCredentials));
        }

        // Port 0 means "any port" to a socket API and is never where a server listens.
        if (uri.Port == 0)
        {
            problems.Add(new(field.Name, "The URL's port must be between 1 and 65535, not 0."));
        }

        // Percent-encoding can lengthen the URL; the encoded form is what gets stored and sent.
        if (uri.AbsoluteUri.Length > MaxUrlLength)
        {
            problems.Add(new(field.Name, TooLong(uri.AbsoluteUri.Length) + " (counted once encoded)"));
        }

        // A malformed URL is not worth a DNS lookup.
        if (problems.Count > problemsBefore)
        {
            return null;
        }

        var targetProblems = await guard.CheckAsync(uri, cancellationToken);
        problems.AddRange(targetProblems.Select(message => new ValidationProblem(field.Name, message)));
        return targetProblems.Count == 0 ? uri : null;
    }

    private static string TooLong(int length) =>
        $"The URL is {length:N0} characters long; the limit is {MaxUrlLength:N0}.";
}

/// <summary>A URL field as problems name and explain it.</summary>
/// <param name="Name">The JSON field.</param>
/// <param name="Required">The problem when it is missing.</param>
/// <param name="NoCredentials">The problem when it carries a user name or password.</param>
public sealed record UrlField(string Name, string Required, string NoCredentials)
{
    /// <summary>The page an audit (or a monitor's audits) loads.</summary>
    public static UrlField AuditTarget { get; } = new(
        "url",
        "A URL is required: the page to audit, e.g. https://example.com/.",
        "The URL must not contain a user name or password (the part before '@'); audits fetch public pages only.");
}
