namespace Meridian.Contract.Jobs;

/// <summary>
/// The two blobs a worker may write, each as a URL carrying a write-only SAS scoped to that blob.
/// </summary>
/// <param name="Report">The gzipped Lighthouse report of the median run.</param>
/// <param name="Fallback">The signed result, written when the callback cannot be reached; read at the deadline.</param>
public sealed record WorkerUploadUrls(Uri Report, Uri Fallback)
{
    /// <summary>The URLs carry SAS tokens: never print them.</summary>
    public override string ToString() => "WorkerUploadUrls { (write-only SAS URLs, redacted) }";
}
