using System.Security.Cryptography;

namespace Meridian.Local.Hosting;

/// <summary>
/// The local host's signing master key, made once and kept in the data folder (owner-only), so
/// callbacks of audits still running and monitors' webhook secrets stay valid across restarts.
/// </summary>
internal static class LocalSigningKey
{
    public const string FileName = "signing-master-key";

    public static string LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        Directory.CreateDirectory(dataDirectory);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, options);
            writer.Write(key);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Two hosts started on one folder at once: the first one's key wins.
            return File.ReadAllText(path).Trim();
        }
    }
}
