using Meridian.Core.Storage;
using Meridian.Testing.Audits;

namespace Meridian.Core.Tests.Storage;

public class BlobMetadataTextTests
{
    [Fact]
    public void Plain_ascii_is_kept_as_it_is()
    {
        var metadata = new Dictionary<string, string>();

        BlobMetadataText.Set(metadata, "url", "https://shop.example/a?b=c");

        Assert.Equal("https://shop.example/a?b=c", metadata["url"]);
        Assert.Equal("https://shop.example/a?b=c", BlobMetadataText.Get(metadata, "url"));
    }

    [Theory]
    [InlineData(SampleAudits.AwkwardUrl)]
    [InlineData("line\nbreak")]
    [InlineData(" leading space")]
    [InlineData("trailing space ")]
    public void Text_a_header_cannot_carry_is_stored_base64url_under_the_b64_key_and_read_back(string value)
    {
        var metadata = new Dictionary<string, string>();

        BlobMetadataText.Set(metadata, "url", value);

        Assert.False(metadata.ContainsKey("url"));
        Assert.True(BlobMetadataText.IsRepresentable(metadata["url_b64"]));
        Assert.Equal(value, BlobMetadataText.Get(metadata, "url"));
    }

    [Fact]
    public void Null_is_not_written_and_absent_reads_as_null()
    {
        var metadata = new Dictionary<string, string>();

        BlobMetadataText.Set(metadata, "monitor_id", null);

        Assert.Empty(metadata);
        Assert.Null(BlobMetadataText.Get(metadata, "monitor_id"));
    }
}
