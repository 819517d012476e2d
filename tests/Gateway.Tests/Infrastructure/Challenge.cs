using System.Text.RegularExpressions;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>Reads the challenges of a 401 (§7).</summary>
internal static partial class Challenge
{
    public static string? TokenOf(HttpResponseMessage response)
    {
        foreach (var value in response.Headers.WwwAuthenticate)
        {
            if (value.Scheme == "SMPToken" && value.Parameter is { } p && TokenParameter().Match(p) is { Success: true } m)
            {
                return m.Groups[1].Value;
            }
        }

        return null;
    }

    public static string[] All(HttpResponseMessage response) => response.Headers.WwwAuthenticate.Select(v => v.ToString()).ToArray();

    public static string? ErrorOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-SMP-NSError", out var values) ? string.Join(",", values) : null;

    [GeneratedRegex("^token=\"([A-Za-z0-9_.-]+)\"$")]
    private static partial Regex TokenParameter();
}
