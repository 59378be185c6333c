using System.Net.Http.Headers;
using System.Text.Json;
using Meridian.Contract.Delivery;
using Meridian.Contract.Targets;
using Meridian.Core.Configuration;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Meridian.Core.Monitors.Alerts;

/// <summary>
/// Sends an alert notice to its monitor's webhook: JSON (<see cref="AlertPayload"/>), signed like a
/// worker callback (<see cref="CallbackSignature"/>, headers <c>X-Meridian-Timestamp</c> and
/// <c>X-Meridian-Signature</c>) with the monitor's <see cref="WebhookSigningKey"/>, through an
/// HttpClient whose pipeline retries (<see cref="AlertWebhookResilience"/>). A failed delivery is
/// an <see cref="AlertDelivery"/> saying why, never an exception: a webhook that is down must not
/// fail the audit or hold up the next one.
/// </summary>
public sealed class AlertWebhookSender(HttpClient http, TargetGuard guard, IOptions<MeridianOptions> options, TimeProvider time)
{
    private const int AnswerExcerptLength = 200;
    private static readonly TimeSpan AnswerReadTimeout = TimeSpan.FromSeconds(2);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> is cancelled: the caller's retry sends again.</exception>
    public async Task<AlertDelivery> SendAsync(MonitorDocument monitor, AlertNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(notice);
        if (monitor.Definition.WebhookUrl is not { } webhook)
        {
            return NotDelivered(notice, attempts: 0, statusCode: null, "The monitor has no webhook.");
        }

        // The host passed the guard when the monitor was saved; its DNS answer may have changed since.
        var refused = await guard.CheckAsync(webhook, cancellationToken);
        if (refused.Count > 0)
        {
            return NotDelivered(notice, attempts: 0, statusCode: null, "The webhook was not called: " + string.Join(" ", refused));
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(AlertPayload.For(monitor, notice), Json);
        var signed = CallbackSignature.Sign(WebhookSigningKey.Derive(options.Value.CallbackMasterKey(), monitor.MonitorId), time.GetUtcNow(), body);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(CallbackSignature.TimestampHeader, signed.Timestamp);
        request.Headers.Add(CallbackSignature.SignatureHeader, signed.Signature);
        var attempts = AttemptCountingHandler.CountAttempts(request);

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new AlertDelivery(notice.Kind, notice.AuditId, time.GetUtcNow(), Delivered: true, attempts.Value, (int)response.StatusCode, Error: null);
            }

            var answer = await ExcerptOfAnswerAsync(response, signed.Signature, cancellationToken);
            return NotDelivered(notice, attempts.Value, (int)response.StatusCode, Describe(response, answer));
        }
        catch (TimeoutRejectedException timeout)
        {
            return NotDelivered(notice, attempts.Value, statusCode: null, $"The webhook did not answer within {timeout.Timeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException fault)
        {
            // Socket-level text names the host and port at most, never the URL's path (where Slack keeps its secret).
            return NotDelivered(notice, attempts.Value, statusCode: null, $"The webhook could not be reached: {fault.Message}");
        }
    }

    private AlertDelivery NotDelivered(AlertNotice notice, int attempts, int? statusCode, string error) =>
        new(notice.Kind, notice.AuditId, time.GetUtcNow(), Delivered: false, attempts, statusCode, error);

    private static string Describe(HttpResponseMessage response, string? answer)
    {
        var status = $"The webhook answered {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
        var redirect = (int)response.StatusCode is >= 300 and < 400 ? " (redirects are not followed)" : string.Empty;
        return answer is null ? $"{status}{redirect}." : $"{status}{redirect}: {answer}";
    }

    /// <summary>
    /// The start of the webhook's answer on one line: receivers say what is wrong there (Slack: "no_service",
    /// "invalid_token"). Null when empty, unreadable within a short time, or echoing the signature.
    /// </summary>
    private static async Task<string?> ExcerptOfAnswerAsync(HttpResponseMessage response, string signature, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AnswerReadTimeout);
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
            var buffer = new char[AnswerExcerptLength];
            var read = await reader.ReadBlockAsync(buffer, timeout.Token);
            var text = string.Join(' ', new string(buffer, 0, read).Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
            return text.Length == 0 || text.Contains(signature[CallbackSignature.Version.Length..], StringComparison.OrdinalIgnoreCase) ? null : text;
        }
        catch (Exception failure) when (failure is IOException or HttpRequestException || (failure is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }
}
