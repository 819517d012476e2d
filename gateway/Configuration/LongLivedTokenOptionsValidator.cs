namespace Smp.Gateway.Configuration;

/// <summary>Checks <c>Gateway:LongLivedTokens</c>; part of <see cref="GatewayOptionsValidator"/>.</summary>
internal static class LongLivedTokenOptionsValidator
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(365);

    public static void Validate(LongLivedTokenOptions o, Action<bool, string, string> check)
    {
        for (int i = 0; i < o.PushInstallPaths.Count; i++)
        {
            check(IsPathPrefix(o.PushInstallPaths[i]), $"LongLivedTokens:PushInstallPaths:{i}", $"'{o.PushInstallPaths[i]}' must be a path starting with '/'.");
        }

        check(o.AsdkLifetime >= TimeSpan.FromMinutes(1) && o.AsdkLifetime <= MaxLifetime,
            "LongLivedTokens:AsdkLifetime", $"{o.AsdkLifetime} is outside 00:01:00 to 365.00:00:00.");
    }

    /// <summary>A path prefix a token may be scoped to: absolute, one line, no query.</summary>
    public static bool IsPathPrefix(string? path) =>
        !string.IsNullOrWhiteSpace(path) && path[0] == '/' && !path.Any(char.IsControl) && !path.Contains('?') && !path.Contains('#');
}
