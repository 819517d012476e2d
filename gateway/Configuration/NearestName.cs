namespace Smp.Gateway.Configuration;

/// <summary>
/// The known name nearest a misspelt one (Levenshtein distance, case-insensitive), for "did you mean" in a
/// refused command-line option and an unknown configuration key. None when nothing is close enough to help.
/// </summary>
internal static class NearestName
{
    public static string? Find(string name, IEnumerable<string> known)
    {
        // A third of the name's letters wrong, at least two: a typo, not another word.
        int limit = Math.Max(2, name.Length / 3);
        return known
            .Select(k => (Name: k, Distance: Distance(name.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .FirstOrDefault();
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
