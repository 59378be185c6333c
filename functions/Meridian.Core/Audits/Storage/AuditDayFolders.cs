using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Meridian.Core.Audits.Storage;

/// <summary>
/// The day folders (<c>{yyyy}/{MM}/{dd}/</c>) of the audits container that exist in a range, oldest
/// first. Found by listing the folder levels (years, then months, then days) rather than probing every
/// day, so a list since a year ago costs a few requests, not 365.
/// </summary>
internal static class AuditDayFolders
{
    public static async IAsyncEnumerable<DateOnly> ExistingAsync(
        BlobContainerClient audits,
        DateOnly from,
        DateOnly to,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var year in SubfoldersAsync(audits, string.Empty, cancellationToken))
        {
            if (year < from.Year || year > to.Year)
            {
                continue;
            }

            var yearPrefix = year.ToString("D4", CultureInfo.InvariantCulture) + "/";
            await foreach (var month in SubfoldersAsync(audits, yearPrefix, cancellationToken))
            {
                if (month is < 1 or > 12 || new DateOnly(year, month, 1) > to || new DateOnly(year, month, 1).AddMonths(1) <= from)
                {
                    continue;
                }

                var monthPrefix = yearPrefix + month.ToString("D2", CultureInfo.InvariantCulture) + "/";
                await foreach (var dayOfMonth in SubfoldersAsync(audits, monthPrefix, cancellationToken))
                {
                    if (dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(year, month))
                    {
                        continue;
                    }

                    var day = new DateOnly(year, month, dayOfMonth);
                    if (day >= from && day <= to)
                    {
                        yield return day;
                    }
                }
            }
        }
    }

    /// <summary>The numeric folder names directly under <paramref name="prefix"/>, ascending (the service lists names in order).</summary>
    private static async IAsyncEnumerable<int> SubfoldersAsync(
        BlobContainerClient audits,
        string prefix,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new GetBlobsByHierarchyOptions { Prefix = prefix, Delimiter = "/" };
        await foreach (var item in audits.GetBlobsByHierarchyAsync(options, cancellationToken))
        {
            if (item.IsPrefix
                && int.TryParse(item.Prefix.AsSpan(prefix.Length, item.Prefix.Length - prefix.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                yield return number;
            }
        }
    }
}
