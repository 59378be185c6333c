using Meridian.Testing.Audits;
using Meridian.Worker.Delivery;

namespace Meridian.Worker.Tests.Unit;

public class BlobUploadsTests
{
    [Fact]
    public void Blob_name_is_the_path_inside_the_container_without_the_sas_token()
    {
        var job = TestWorkerJobs.Create(auditId: "audit-7", region: "syd");

        Assert.Equal("audit-7/syd.json.gz", BlobUploads.BlobNameOf(job.Uploads.Report));
    }
}
