namespace Meridian.Core.Http;

/// <summary>The API's OpenAPI 3.1 document (Http/openapi.json, embedded), served by both hosts at <c>/api/openapi.json</c>.</summary>
public static class OpenApiDocument
{
    private static readonly Lazy<string> Text = new(() =>
    {
        using var stream = typeof(OpenApiDocument).Assembly.GetManifestResourceStream("Meridian.Core.Http.openapi.json")
            ?? throw new InvalidOperationException("The OpenAPI document is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Json => Text.Value;
}
