using System.Security.Cryptography;

namespace SealMatch.Server.Imaging;

/// <summary>
/// Finds the at-rest encryption key: <c>Encryption:Key</c> (base64) or <c>Encryption:KeyFile</c>;
/// without either, a development key file is made beside the database on first run (with a loud warning).
/// </summary>
internal static partial class EncryptionKeys
{
    public static byte[] Load(IConfiguration configuration, string devKeyPath, ILogger logger)
    {
        if (configuration["Encryption:Key"] is { Length: > 0 } base64)
        {
            return Decode(base64, "Encryption:Key");
        }

        if (configuration["Encryption:KeyFile"] is { Length: > 0 } file)
        {
            return Decode(File.ReadAllText(file).Trim(), "Encryption:KeyFile");
        }

        if (File.Exists(devKeyPath))
        {
            Log.UsingDevelopmentKey(logger, devKeyPath);
            return Decode(File.ReadAllText(devKeyPath).Trim(), devKeyPath);
        }

        byte[] key = RandomNumberGenerator.GetBytes(32);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(devKeyPath));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(devKeyPath, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(devKeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Log.GeneratedDevelopmentKey(logger, devKeyPath);
        return key;
    }

    private static byte[] Decode(string base64, string source)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"{source} is not base64.", e);
        }

        return key.Length == 32 ? key : throw new InvalidOperationException($"{source} must hold 32 bytes (AES-256), not {key.Length}.");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Critical,
            Message = "NO ENCRYPTION KEY CONFIGURED: generated a development key at {Path}. Images and templates are encrypted with a key stored beside the data. Set Encryption:Key or Encryption:KeyFile before production use.")]
        public static partial void GeneratedDevelopmentKey(ILogger logger, string path);

        [LoggerMessage(EventId = 2002, Level = LogLevel.Warning,
            Message = "Using the development encryption key at {Path}; set Encryption:Key or Encryption:KeyFile for production.")]
        public static partial void UsingDevelopmentKey(ILogger logger, string path);
    }
}
