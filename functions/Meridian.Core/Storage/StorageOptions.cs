using System.ComponentModel.DataAnnotations;
using Azure.Storage.Blobs;

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
        else if (hasConnectionString && !IsConnectionString(ConnectionString!))
        {
            yield return new ValidationResult(
                $"{SectionName}__{nameof(ConnectionString)} is not a storage connection string (e.g. UseDevelopmentStorage=true, or the account's from the portal).",
                [nameof(ConnectionString)]);
        }
        else if (hasServiceUri && !IsHttpUri(BlobServiceUri!))
        {
            yield return new ValidationResult(
                $"{SectionName}__{nameof(BlobServiceUri)} must be an absolute http(s) URL such as https://meridian.blob.core.windows.net/.",
                [nameof(BlobServiceUri)]);
        }
    }

    /// <summary>Parsed the way the client will parse it, so a bad value stops the app at start-up rather than at the first audit.</summary>
    private static bool IsConnectionString(string text)
    {
        try
        {
            _ = new BlobServiceClient(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool IsHttpUri(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
