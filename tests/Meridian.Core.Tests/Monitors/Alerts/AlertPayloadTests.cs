using Meridian.Core.Monitors.Alerts;
using static Meridian.Core.Tests.Monitors.Alerts.AlertTestData;

namespace Meridian.Core.Tests.Monitors.Alerts;

public class AlertPayloadTests
{
    [Fact]
    public void A_recovery_says_the_page_is_back_in_one_line()
    {
        var payload = AlertPayload.For(Monitor(), new AlertNotice(AlertKind.Recovery, AuditId(3), Now, [], 0.91));

        Assert.Equal("Meridian: Shop home (https://shop.example/) is back within its thresholds (median performance score 0.91).", payload.Text);
        Assert.Equal((AlertKind.Recovery, AuditId(3)), (payload.Kind, payload.AuditId));
        Assert.Empty(payload.Breaches);
    }

    [Fact]
    public void A_long_list_of_breaches_is_cut_short_in_the_text_and_whole_in_the_breaches()
    {
        var breaches = Enumerable.Range(1, 8).Select(i => $"r{i}: LCP 3,000 ms is above 2,500 ms").ToList();

        var payload = AlertPayload.For(Monitor(name: null), new AlertNotice(AlertKind.Regression, AuditId(2), Now, breaches, null));

        Assert.Equal(
            "Meridian: https://shop.example/ got slower: 2 audits in a row broke its thresholds.\n"
            + string.Join("; ", breaches.Take(AlertPayload.BreachesInText)) + "; and 3 more",
            payload.Text);
        Assert.Equal(breaches, payload.Breaches);
        Assert.Null(payload.MonitorName);
    }

    [Fact]
    public void Characters_slack_reads_as_markup_are_escaped_in_the_text_only()
    {
        var monitor = Monitor(name: "<!channel> Shop & Co");

        var payload = AlertPayload.For(monitor, new AlertNotice(AlertKind.Recovery, AuditId(3), Now, [], null));

        Assert.Equal("Meridian: &lt;!channel&gt; Shop &amp; Co (https://shop.example/) is back within its thresholds.", payload.Text);
        Assert.Equal("<!channel> Shop & Co", payload.MonitorName);
    }
}
