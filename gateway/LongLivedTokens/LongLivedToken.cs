namespace Smp.Gateway.LongLivedTokens;

/// <summary>
/// A long-lived token as stored: never the secret, only its SHA-256 <paramref name="Digest"/>. Times are Unix
/// seconds; <paramref name="ExpiresAt"/> is null for a token that does not expire (push-install).
/// </summary>
internal sealed record LongLivedToken(
    string Id, LongLivedTokenKind Kind, string Name, IReadOnlyList<string> Paths, byte[] Digest, long CreatedAt, long? ExpiresAt, bool Revoked)
{
    /// <summary>Paths are kept one per line: a prefix never holds a line break (the validator refuses control characters).</summary>
    public string PathsText => string.Join('\n', Paths);

    public static IReadOnlyList<string> ParsePaths(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public bool IsExpired(long now) => ExpiresAt is { } exp && now >= exp;
}
