using System.Runtime.InteropServices;

namespace Smp.Gateway.Configuration;

/// <summary>
/// The C library's environment, which GSSAPI reads (<c>KRB5_KTNAME</c>, <c>KRB5_CLIENT_KTNAME</c>, <c>KRB5CCNAME</c>):
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> changes only .NET's copy on Unix. Sets both.
/// </summary>
internal static class NativeEnvironment
{
    public static void Set(string name, string value)
    {
        if (OperatingSystem.IsWindows())
        {
            Environment.SetEnvironmentVariable(name, value);
            return;
        }

        if (SetEnv(name, value, 1) != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed: errno {Marshal.GetLastPInvokeError()}.");
        }

        Environment.SetEnvironmentVariable(name, value);
    }

    // DllImport, not LibraryImport: the generated stub needs unsafe code, which the project does not allow.
    [DllImport("libc", EntryPoint = "setenv", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetEnv(string name, string value, int overwrite);
}
