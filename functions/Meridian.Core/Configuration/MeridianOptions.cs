using System.ComponentModel.DataAnnotations;
using Meridian.Contract.Delivery;
using Meridian.Core.Machines;
using Meridian.Core.Machines.Fly;
using Meridian.Core.Regions;

namespace Meridian.Core.Configuration;

/// <summary>The app's own settings (section "Meridian"; as environment variables <c>Meridian__Name</c>).</summary>
public sealed class MeridianOptions : IValidatableObject
{
    public const string SectionName = "Meridian";

    /// <summary>Public base URL of this app; workers POST their results under <c>api/audits/…</c> there.</summary>
    [Required]
    public Uri CallbackBaseUrl { get; set; } = null!;

    /// <summary>
    /// Master key (base64, at least 32 random bytes) the per-audit, per-region callback signing keys
    /// are derived from. Secret: in Azure a Key Vault reference; never logged.
    /// </summary>
    [Required]
    public string CallbackSigningKey { get; set; } = null!;

    /// <summary>
    /// Lets audits target loopback and private addresses. Off by default: only the local host turns
    /// it on, to audit a page served on 127.0.0.1.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>
    /// The regions an audit or monitor uses when its request names none: Fly region codes separated by
    /// commas, e.g. <c>iad,sjc,gru,lhr,sin,syd</c> (the default: spread over six continents).
    /// </summary>
    public string DefaultRegions { get; set; } = string.Join(',', RegionCatalog.DefaultRegionCodes);

    /// <summary>The default regions as codes (lower case, in the order given).</summary>
    public IReadOnlyList<string> DefaultRegionCodes() =>
        DefaultRegions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(code => code.ToLowerInvariant())
            .ToList();

    /// <summary>Machine creates allowed at once before pacing starts (Fly: bursts of 3).</summary>
    [Range(1, 18)]
    public int MachineCreateBurst { get; set; } = 3;

    /// <summary>Time between paced creates, in milliseconds (Fly: about 1 create per second per app; 20% margin, see <see cref="CreatePacing.FlyDefault"/>).</summary>
    [Range(0, 60_000)]
    public int MachineCreateIntervalMs { get; set; } = 1200;

    /// <summary>The pacing the starter puts into an audit's input (orchestration code reads no settings).</summary>
    public CreatePacing CreatePacing => new(MachineCreateBurst, TimeSpan.FromMilliseconds(MachineCreateIntervalMs));

    /// <summary>The master key's bytes.</summary>
    /// <exception cref="InvalidOperationException">The setting is not valid base64 of at least 32 bytes.</exception>
    public byte[] CallbackMasterKey() =>
        Contract.Delivery.CallbackSigningKey.TryParseMaster(CallbackSigningKey, out var key)
            ? key
            : throw new InvalidOperationException(MasterKeyProblem);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var regions = DefaultRegionCodes();
        if (regions.Count == 0 || regions.Count > RegionCatalog.MaxPerAudit || regions.Distinct().Count() != regions.Count || !regions.All(RegionCatalog.IsKnown))
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(DefaultRegions)} must be 1 to {RegionCatalog.MaxPerAudit} distinct Fly region codes separated by commas (e.g. iad,lhr,syd); '{DefaultRegions}' is not.",
                [nameof(DefaultRegions)]);
        }

        if (CallbackSigningKey is not null && !Contract.Delivery.CallbackSigningKey.TryParseMaster(CallbackSigningKey, out _))
        {
            yield return new ValidationResult(MasterKeyProblem, [nameof(CallbackSigningKey)]);
        }
    }

    // Names the setting, never its value.
    private const string MasterKeyProblem =
        $"{SectionName}:{nameof(CallbackSigningKey)} must be base64 of at least 32 random bytes (e.g. `openssl rand -base64 32`).";
}
