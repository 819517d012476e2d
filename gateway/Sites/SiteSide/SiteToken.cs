namespace Smp.Gateway.Sites.SiteSide;

/// <summary>A token a Site holds for one agent and <c>uid</c>, and whether an agent asked for it again since it came (§10).</summary>
internal sealed class SiteToken(string text, string jti, long issuedAt, long expiresAt)
{
    private int _askedAgain;

    public string Text { get; } = text;
    public string Jti { get; } = jti;
    public long IssuedAt { get; } = issuedAt;
    public long ExpiresAt { get; } = expiresAt;

    public bool AskedAgain => Volatile.Read(ref _askedAgain) != 0;

    public void MarkAskedAgain() => Volatile.Write(ref _askedAgain, 1);
}
