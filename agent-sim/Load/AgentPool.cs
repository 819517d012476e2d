using System.Threading.Channels;

namespace Smp.AgentSim.Load;

/// <summary>
/// Lends each agent to one worker at a time, so that one scenario's discards and revocations never
/// disturb another's expectations. A revoked agent is not given back.
/// </summary>
internal sealed class AgentPool
{
    private readonly Channel<SimulatedAgent> _idle = Channel.CreateUnbounded<SimulatedAgent>();
    private int _active;

    public AgentPool(IEnumerable<SimulatedAgent> agents)
    {
        foreach (SimulatedAgent agent in agents)
        {
            _idle.Writer.TryWrite(agent);
            _active++;
        }
    }

    /// <summary>Agents not retired.</summary>
    public int Active => Volatile.Read(ref _active);

    public ValueTask<SimulatedAgent> RentAsync(CancellationToken cancellationToken) => _idle.Reader.ReadAsync(cancellationToken);

    public void Return(SimulatedAgent agent) => _idle.Writer.TryWrite(agent);

    public void Retire() => Interlocked.Decrement(ref _active);
}
