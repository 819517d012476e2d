using System.Threading.Channels;

namespace Smp.AgentSim.Load;

/// <summary>
/// Lends each agent to one worker at a time, so that one scenario's discards and revocations never
/// disturb another's expectations. A revoked agent is not given back.
/// </summary>
internal sealed class AgentPool
{
    private readonly Channel<SimulatedAgent> idle = Channel.CreateUnbounded<SimulatedAgent>();
    private int active;

    public AgentPool(IEnumerable<SimulatedAgent> agents)
    {
        foreach (SimulatedAgent agent in agents)
        {
            idle.Writer.TryWrite(agent);
            active++;
        }
    }

    /// <summary>Agents not retired.</summary>
    public int Active => Volatile.Read(ref active);

    public ValueTask<SimulatedAgent> RentAsync(CancellationToken cancellationToken) => idle.Reader.ReadAsync(cancellationToken);

    public void Return(SimulatedAgent agent) => idle.Writer.TryWrite(agent);

    public void Retire() => Interlocked.Decrement(ref active);
}
