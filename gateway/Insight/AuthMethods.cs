namespace Smp.Gateway.Insight;

/// <summary>
/// The authentication methods the activity counts, as <c>X-SMP-Auth</c> names them (§12) and <c>Windows</c> for
/// Negotiate; each has a slot in a day's counters, so counting one is an increment, not a lookup.
/// </summary>
internal static class AuthMethods
{
    public static readonly string[] All = ["Token", "ACC", "Windows", "PushInstall", "Asdk"];

    public const string Acc = "ACC";

    /// <summary>The slot of <paramref name="method"/>, or -1 for one not counted (Anonymous).</summary>
    public static int IndexOf(string method) => method switch
    {
        "Token" => 0,
        "ACC" => 1,
        "Windows" => 2,
        "PushInstall" => 3,
        "Asdk" => 4,
        _ => -1,
    };
}
