namespace Smp.Gateway.Identity;

/// <summary>
/// Header names compared as the servers behind compare them (§12): any case, and <c>_</c> the same as
/// <c>-</c>, since a CGI-style server reads both <c>X_SMP_Identity</c> and <c>X-SMP-Identity</c> as
/// <c>HTTP_X_SMP_IDENTITY</c>.
/// </summary>
internal static class HeaderNameRule
{
    public static bool Same(string a, string b) => a.Length == b.Length && StartsWith(a, b);

    public static bool StartsWith(string name, string prefix)
    {
        if (name.Length < prefix.Length)
        {
            return false;
        }

        for (int i = 0; i < prefix.Length; i++)
        {
            if (Fold(name[i]) != Fold(prefix[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static char Fold(char c) => c == '_' ? '-' : char.ToLowerInvariant(c);
}
