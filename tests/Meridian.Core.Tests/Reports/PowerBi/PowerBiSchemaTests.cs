using System.Text;
using Meridian.Core.Reports.PowerBi;
using Meridian.Core.Storage;
using Meridian.Testing.Audits;

namespace Meridian.Core.Tests.Reports.PowerBi;

/// <summary>docs/power-bi.md, the Power Query script and the writer describe one schema: same columns, same order, same types.</summary>
public class RegionResultSchemaTests
{
    private static readonly IReadOnlyList<string> WrittenHeader = Encoding.UTF8.GetString(
            PowerBiCsv.Write(PowerBiRows.From(SampleAudits.Report(SampleAudits.IdAt(SampleAudits.Day)), null)))
        .Split("\r\n")[0]
        .Split(',');

    [Fact]
    public void Written_header_is_the_column_list_of_the_docs_table()
    {
        var documented = DocumentedSchema.FromDocs().Select(column => column.Column).ToList();

        Assert.Equal(30, documented.Count);
        Assert.Equal(documented, WrittenHeader);
    }

    [Fact]
    public void Written_header_is_the_column_list_the_power_query_script_types()
    {
        var typed = DocumentedSchema.FromPowerQuery().Select(column => column.Column).ToList();

        Assert.Equal(WrittenHeader, typed);
    }

    [Fact]
    public void Docs_script_and_code_give_every_column_the_same_type()
    {
        var code = DocumentedSchema.FromCode();

        Assert.Equal(DocumentedSchema.FromDocs(), DocumentedSchema.FromPowerQuery());
        Assert.All(DocumentedSchema.FromDocs(), column => Assert.Equal(code[column.Column], column.Type));
    }

    [Fact]
    public void Power_query_script_reads_utf8_with_csv_quoting_from_the_region_results_container()
    {
        var script = File.ReadAllText(DocumentedSchema.PowerQueryPath);

        Assert.Contains("AzureStorage.Blobs(", script, StringComparison.Ordinal);
        Assert.Contains($"[Name = \"{BlobLayout.RegionResultsContainer}\"]", script, StringComparison.Ordinal);
        Assert.Contains("Encoding = 65001", script, StringComparison.Ordinal);
        Assert.Contains("QuoteStyle = QuoteStyle.Csv", script, StringComparison.Ordinal);
        Assert.Contains("Table.PromoteHeaders(", script, StringComparison.Ordinal);
        Assert.Contains("}, \"en-US\")", script, StringComparison.Ordinal);
    }
}
