using Microsoft.Extensions.Primitives;

namespace Smp.Gateway.LongLivedTokens;

/// <summary>The <c>SmpBearer</c> scheme: long-lived tokens sent as <c>Authorization: Bearer</c>.</summary>
internal static class LongLivedTokenDefaults
{
    public const string AuthenticationScheme = "SmpBearer";
    public const string IdClaim = "smp:lltoken";
    public const string KindClaim = "smp:lltoken-kind";

    /// <summary>403: a valid token used outside the paths it was issued for.</summary>
    public const string ScopeError = "token-scope";

    private const string Bearer = "Bearer ";

    /// <summary>True when the request carries one <c>Authorization: Bearer ...</c> header: the route hands it to this scheme.</summary>
    public static bool IsBearer(StringValues authorization) =>
        authorization.Count == 1 && authorization[0] is { } value && value.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase);

    public static ReadOnlySpan<char> Credential(string authorization) => authorization.AsSpan(Bearer.Length).Trim(' ');
}
