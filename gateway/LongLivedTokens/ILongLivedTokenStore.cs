namespace Smp.Gateway.LongLivedTokens;

/// <summary>Long-lived tokens, in the same store as the agents (SQLite or Redis), by id and by the digest of their secret.</summary>
internal interface ILongLivedTokenStore
{
    Task AddAsync(LongLivedToken token, CancellationToken cancellationToken);

    /// <summary>The token whose secret has this SHA-256 digest, or null. Read from the store every time: a revocation holds at once.</summary>
    Task<LongLivedToken?> FindAsync(byte[] digest, CancellationToken cancellationToken);

    Task<IReadOnlyList<LongLivedToken>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Revokes a token for good; false when there is no token with this id.</summary>
    Task<bool> RevokeAsync(string id, CancellationToken cancellationToken);
}
