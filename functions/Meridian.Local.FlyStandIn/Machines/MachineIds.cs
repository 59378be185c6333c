using System.Security.Cryptography;

namespace Meridian.Local.FlyStandIn.Machines;

/// <summary>Identifiers shaped like Fly's.</summary>
internal static class MachineIds
{
    /// <summary>14 lower-case hex characters, e.g. "148ed193b95089".</summary>
    public static string NewMachineId() => RandomNumberGenerator.GetHexString(14, lowercase: true);

    /// <summary>Fly names unnamed machines with a pair of words; a readable id-based name does here.</summary>
    public static string DefaultName(string machineId) => $"local-{machineId[..8]}";

    public static string NewInstanceId() => RandomNumberGenerator.GetString("0123456789ABCDEFGHJKMNPQRSTVWXYZ", 26);
}
