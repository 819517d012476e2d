namespace Smp.Gateway.Keys;

/// <summary>What §8 step 2 may do about an unknown <c>kid</c> before refusing: a Site fetches the Issuer's keys again.</summary>
internal interface IServerKeyRefresh
{
    /// <summary>True when <paramref name="kid"/> is known after the refresh.</summary>
    ValueTask<bool> TryRefreshAsync(string kid, CancellationToken cancellationToken);
}
