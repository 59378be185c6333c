using System.ComponentModel.DataAnnotations;

namespace Meridian.Core.Storage;

/// <summary>
/// Which storage account holds audits, results and reports (section "Storage"; as environment
/// variables <c>Storage__Name</c>). Exactly one of the two: a connection string (Azurite locally), or
/// the account's blob endpoint reached with the app's managed identity, so production holds no key.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    /// <summary>A storage connection string, e.g. <c>UseDevelopmentStorage=true</c>. Secret when it holds an account key.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The blob endpoint, e.g. <c>https://meridian.blob.core.windows.net/</c>, reached with <c>DefaultAzureCredential</c>.</summary>
    public string? BlobServiceUri { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var hasConnectionString = !string.IsNullOrWhiteSpace(ConnectionString);
        var hasServiceUri = !string.IsNullOrWhiteSpace(BlobServiceUri);
        if (hasConnectionString == hasServiceUri)
        {
            // Names the settings, never a value: a connection string can hold the account key.
            yield return new ValidationResult(
                $"Set exactly one of {SectionName}__{nameof(ConnectionString)} (e.g. UseDevelopmentStorage=true) and {SectionName}__{nameof(BlobServiceUri)} (the account's blob endpoint, reached with the app's identity).",
                [nameof(ConnectionString), nameof(BlobServiceUri)]);
        }
        else if (hasServiceUri && !IsHttpUri(BlobServiceUri!))
        {
            yield return new ValidationResult(
                $"{SectionName}__{nameof(BlobServiceUri)} must be an absolute http(s) URL such as https://meridian.blob.core.windows.net/.",
                [nameof(BlobServiceUri)]);
        }
    }

    private static bool IsHttpUri(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
