namespace Smp.Gateway.Keys;

/// <summary>The Issuer's own keys are all it has: an unknown <c>kid</c> stays unknown.</summary>
internal sealed class NoKeyRefresh : IServerKeyRefresh
{
    public ValueTask<bool> TryRefreshAsync(string kid, CancellationToken cancellationToken) => ValueTask.FromResult(false);
}
