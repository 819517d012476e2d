namespace Smp.Gateway.Configuration;

/// <summary>The data folder (<c>Gateway:DataDirectory</c>), created on first use, readable by its owner only.</summary>
internal static class DataDirectory
{
    public static string Ensure(GatewayOptions options)
    {
        string path = Path.GetFullPath(options.DataDirectory);
        if (!Directory.Exists(path))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        return path;
    }
}
