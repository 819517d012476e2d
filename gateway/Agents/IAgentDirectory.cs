using Smp.Gateway.Jose;

namespace Smp.Gateway.Agents;

/// <summary>The enrolled agents' records, which only the Issuer holds: enrollment, the list, and key replacement.</summary>
internal interface IAgentDirectory
{
    Task<EnrollOutcome> EnrollAsync(string agentId, RsaJwk key, CancellationToken cancellationToken) =>
        EnrollAsync(agentId, key, AgentStatus.Active, cancellationToken);

    /// <summary>Enrolls a new agent with <paramref name="status"/> (Active, or Pending or Blocked by the approval rules).</summary>
    Task<EnrollOutcome> EnrollAsync(string agentId, RsaJwk key, AgentStatus status, CancellationToken cancellationToken);

    /// <summary>Every enrolled agent, ordered by id: for <c>gateway agents list</c>.</summary>
    Task<IReadOnlyList<AgentRecord>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Replaces an agent's key; tokens bound to the old key are refused from then on (403 <c>key-mismatch</c>).
    /// False when the agent is not enrolled.
    /// </summary>
    Task<bool> ReplaceKeyAsync(string agentId, RsaJwk key, CancellationToken cancellationToken);
}
