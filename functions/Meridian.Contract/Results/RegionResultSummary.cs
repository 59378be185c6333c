namespace Meridian.Contract.Results;

/// <summary>
/// The numbers of one region's median Lighthouse run: small on purpose (it travels in a durable
/// event); the full report stays in blob storage under <see cref="ReportBlobName"/>.
/// </summary>
/// <param name="PerformanceScore">Lighthouse performance score, 0 to 1.</param>
/// <param name="FirstContentfulPaintMs">FCP in milliseconds.</param>
/// <param name="LargestContentfulPaintMs">LCP in milliseconds.</param>
/// <param name="TotalBlockingTimeMs">TBT in milliseconds.</param>
/// <param name="CumulativeLayoutShift">CLS, unitless.</param>
/// <param name="SpeedIndexMs">Speed Index in milliseconds.</param>
/// <param name="TimeToInteractiveMs">TTI in milliseconds.</param>
/// <param name="TimeToFirstByteMs">Server response time of the main document in milliseconds.</param>
/// <param name="BenchmarkIndex">Lighthouse's CPU benchmark of the machine (higher is faster).</param>
/// <param name="RunsCompleted">Runs that produced a report; the median is taken over them.</param>
/// <param name="ScoreMin">Lowest performance score across the runs.</param>
/// <param name="ScoreMax">Highest performance score across the runs.</param>
public sealed record RegionResultSummary(
    double? PerformanceScore,
    double? FirstContentfulPaintMs,
    double? LargestContentfulPaintMs,
    double? TotalBlockingTimeMs,
    double? CumulativeLayoutShift,
    double? SpeedIndexMs,
    double? TimeToInteractiveMs,
    double? TimeToFirstByteMs,
    string LighthouseVersion,
    double? BenchmarkIndex,
    int RunsCompleted,
    double? ScoreMin,
    double? ScoreMax,
    string? ReportBlobName);
