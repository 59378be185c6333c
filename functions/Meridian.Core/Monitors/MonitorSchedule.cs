using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Cronos;

namespace Meridian.Core.Monitors;

/// <summary>
/// When a monitor's audits are due: every <see cref="IntervalMinutes"/> minutes, or at the times of a
/// five-field UTC <see cref="Cron"/> expression (Flex Consumption ignores time zones, so Meridian
/// does too). Slots are whole minutes: the scheduler ticks once a minute.
/// </summary>
public sealed partial record MonitorSchedule(int? IntervalMinutes = null, string? Cron = null)
{
    public const int MinIntervalMinutes = 5;
    public const int MaxIntervalMinutes = 7 * 24 * 60;

    private const int MaxOccurrencesChecked = 110_000;

    /// <summary>
    /// The first slot strictly after <paramref name="after"/>. Interval slots are offset per monitor
    /// (a stable hash of its id picks the minute within the interval), so monitors created together
    /// with the same interval do not all fall on the same tick.
    /// </summary>
    /// <exception cref="InvalidOperationException">The schedule is not valid (see <see cref="Problem"/>).</exception>
    public DateTimeOffset NextAfter(DateTimeOffset after, string monitorId)
    {
        ArgumentException.ThrowIfNullOrEmpty(monitorId);

        // Not Problem(): its CRON spacing check walks a year of times, and the scheduler calls this for every due monitor.
        if ((IntervalMinutes is null) == (Cron is null) || IntervalMinutes is < MinIntervalMinutes or > MaxIntervalMinutes)
        {
            throw new InvalidOperationException(Problem());
        }

        if (IntervalMinutes is { } minutes)
        {
            var interval = TimeSpan.FromMinutes(minutes).Ticks;
            var offset = TimeSpan.FromMinutes(OffsetMinutes(monitorId, minutes)).Ticks;
            var since = after.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks - offset;
            var next = (Math.DivRem(since, interval, out var rest) + (rest < 0 ? 0 : 1)) * interval;
            return new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + offset + next, TimeSpan.Zero);
        }

        if (!CronExpression.TryParse(Cron!.Trim(), CronFormat.Standard, out var cron))
        {
            throw new InvalidOperationException(Problem());
        }

        var occurrence = cron.GetNextOccurrence(after.UtcDateTime, inclusive: false)
            ?? throw new InvalidOperationException($"The CRON expression '{Cron}' has no time after {after:O}.");
        return new DateTimeOffset(occurrence, TimeSpan.Zero);
    }

    /// <summary>Why this schedule cannot be used, or null when it can. Messages name the JSON fields.</summary>
    public string? Problem()
    {
        if ((IntervalMinutes is null) == (Cron is null))
        {
            return "Give exactly one of 'intervalMinutes' and 'cron'.";
        }

        if (IntervalMinutes is { } minutes)
        {
            return minutes is >= MinIntervalMinutes and <= MaxIntervalMinutes
                ? null
                : $"'intervalMinutes' must be from {MinIntervalMinutes} to {MaxIntervalMinutes} (7 days); it is {minutes}.";
        }

        // What the README documents and nothing more: Cronos also reads @hourly, L, W, #, ? and names,
        // which other schedulers read differently or not at all.
        if (!PlainFiveFields().IsMatch(Cron!.Trim()) || !CronExpression.TryParse(Cron.Trim(), CronFormat.Standard, out var cron))
        {
            return $"'cron' must be five fields in UTC (minute hour day-of-month month day-of-week) of numbers, '*', ranges (1-5), lists (1,3) and steps (*/15), e.g. \"*/15 * * * *\"; '{Cron}' is not.";
        }

        // Every two consecutive times at least the minimum interval apart. A CRON's pattern repeats within
        // a year (four for Feb 29), and a year of the densest allowed one is 105,120 times.
        var from = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        DateTime? previous = null;
        foreach (var time in cron.GetOccurrences(from, from.AddYears(4)).Take(MaxOccurrencesChecked))
        {
            if (previous is { } last && time - last < TimeSpan.FromMinutes(MinIntervalMinutes))
            {
                return $"'cron' runs more often than every {MinIntervalMinutes} minutes ('{Cron}' has runs at {last:HH:mm} and {time:HH:mm} UTC).";
            }

            previous = time;
        }

        return previous is null ? $"'cron' must name a time that exists; '{Cron}' never runs." : null;
    }

    [GeneratedRegex(@"^[0-9*,/-]+(?:[ \t]+[0-9*,/-]+){4}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainFiveFields();

    private static int OffsetMinutes(string monitorId, int intervalMinutes) =>
        (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(monitorId)), 0) % (uint)intervalMinutes);
}
