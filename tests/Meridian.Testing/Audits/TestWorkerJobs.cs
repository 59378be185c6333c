using Meridian.Contract.Jobs;

namespace Meridian.Testing.Audits;

/// <summary>Worker jobs for tests that only care about a few of the fields.</summary>
public static class TestWorkerJobs
{
    /// <summary>A well-formed 32-byte key, base64url; never used for anything but tests.</summary>
    public const string SigningKey = "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdC0";

    public static WorkerJob Create(
        string auditId = "audit-1",
        string region = "iad",
        FormFactor formFactor = FormFactor.Mobile,
        int runs = 3,
        Uri? callbackUrl = null,
        DateTimeOffset? deadline = null) => new(
            auditId,
            region,
            new Uri("https://shop.example/"),
            formFactor,
            runs,
            callbackUrl ?? new Uri($"https://meridian.example/api/audits/{auditId}/regions/{region}/result"),
            SigningKey,
            new WorkerUploadUrls(
                new Uri($"https://meridianstore.blob.core.windows.net/reports/{auditId}/{region}.json.gz?sp=cw&sig=report"),
                new Uri($"https://meridianstore.blob.core.windows.net/deliveries/{auditId}/{region}/fallback.json?sp=cw&sig=fallback")),
            deadline ?? new DateTimeOffset(2026, 11, 23, 12, 10, 0, TimeSpan.Zero));
}
