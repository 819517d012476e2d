namespace Smp.Gateway.State;

/// <summary>
/// A store's opening step (a file's tables created, what it keeps in memory loaded), run once before the node
/// serves (<c>StartupCheck</c>) or an admin command reads, in the order registered; constructors do no I/O.
/// </summary>
internal interface IStoreInitialization
{
    Task InitializeAsync(CancellationToken cancellationToken);
}
