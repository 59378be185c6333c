using Meridian.Contract.Results;
using Meridian.Core.Audits.Activities;
using Moq;

namespace Meridian.Core.Tests.Audits.Activities;

public class CollectFallbackResultActivityTests
{
    private static RegionResult StoredResult(string auditId, string region) =>
        new("r-1", auditId, region, Succeeded: false, "Chrome crashed", Summary: null, DateTimeOffset.UnixEpoch);

    private static CollectFallbackResultActivity ActivityReturning(RegionResult? stored)
    {
        var store = new Mock<IDeliveredResults>();
        store.Setup(s => s.FindAsync("audit-1", "iad", It.IsAny<CancellationToken>())).ReturnsAsync(stored);
        return new CollectFallbackResultActivity(store.Object);
    }

    [Fact]
    public async Task Stored_result_of_the_region_is_returned() =>
        Assert.Equal(
            StoredResult("audit-1", "iad"),
            await ActivityReturning(StoredResult("audit-1", "iad")).RunAsync(new("audit-1", "iad"), CancellationToken.None));

    [Fact]
    public async Task No_stored_result_is_null() =>
        Assert.Null(await ActivityReturning(null).RunAsync(new("audit-1", "iad"), CancellationToken.None));

    [Theory]
    [InlineData("audit-2", "iad")]
    [InlineData("audit-1", "lhr")]
    public async Task Stored_result_naming_another_audit_or_region_is_not_trusted(string auditId, string region) =>
        Assert.Null(await ActivityReturning(StoredResult(auditId, region)).RunAsync(new("audit-1", "iad"), CancellationToken.None));
}
