using Microsoft.Extensions.Options;
using Smp.Gateway.Agents;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Keys;
using Smp.Gateway.Sites.SiteSide;

namespace Smp.Gateway.Administration;

/// <summary>Administrative operations over the gateway's stores, resolved from the host's services.</summary>
public sealed class GatewayAdministration
{
    private readonly IAgentLookup _agents;
    private readonly IAgentControl _control;
    private readonly IAgentDirectory? _directory;
    private readonly IOptionsMonitor<GatewayOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SigningKeyRotation? _rotation;
    private readonly RevocationCheck? _revocations;
    private readonly GatewayMetrics _metrics;

    /// <summary>
    /// <paramref name="directory"/> and <paramref name="rotation"/> are the Issuer's (null at a Site),
    /// <paramref name="revocations"/> a Site's (null at the Issuer): each role passes what it holds.
    /// </summary>
    internal GatewayAdministration(
        IAgentLookup agents, IAgentControl control, IAgentDirectory? directory,
        IOptionsMonitor<GatewayOptions> options, TimeProvider time, GatewayMetrics metrics, ILogger logger,
        SigningKeyRotation? rotation, RevocationCheck? revocations)
    {
        _metrics = metrics;
        _agents = agents;
        _control = control;
        _directory = directory;
        _options = options;
        _time = time;
        _logger = logger;
        _rotation = rotation;
        _revocations = revocations;
    }

    /// <summary>
    /// At the Issuer: publishes a new signing key now, signs with it after <paramref name="lead"/>
    /// (default <c>Gateway:Tokens:RotationLead</c>), and keeps the old one published until its tokens
    /// have expired (§3). Returns the new key's kid.
    /// </summary>
    public Task<string> RotateSigningKeyAsync(TimeSpan? lead = null)
    {
        if (_rotation is null || _options.CurrentValue.Role != SiteOptionsValidator.Issuer)
        {
            throw new InvalidOperationException("Only an Issuer (Gateway:Role Issuer) holds a signing key to rotate.");
        }

        return Task.FromResult(_rotation.Rotate(lead));
    }

    /// <summary>At a Site: asks the Issuer now for the status of the agents this Site holds, without waiting for the period.</summary>
    public Task CheckRevocationsNowAsync(CancellationToken cancellationToken = default) =>
        (_revocations ?? throw new InvalidOperationException("Only a Site (Gateway:Role Site) checks revocations at its Issuer.")).RunAsync(cancellationToken);

    /// <summary>Revokes an agent: its hellos and proofs are refused with 403 <c>agent-revoked</c>. False when it is not enrolled.</summary>
    public Task<bool> RevokeAgentAsync(string agentId, CancellationToken cancellationToken = default) =>
        SetStatusAsync(agentId, AgentStatus.Revoked, cancellationToken);

    /// <summary>Makes a revoked agent active again. False when it is not enrolled.</summary>
    public Task<bool> ReinstateAgentAsync(string agentId, CancellationToken cancellationToken = default) =>
        SetStatusAsync(agentId, AgentStatus.Active, cancellationToken);

    /// <summary>Lets a pending (or blocked) agent in: its hellos get tokens. False when it is not enrolled.</summary>
    public Task<bool> ApproveAgentAsync(string agentId, CancellationToken cancellationToken = default) =>
        SetStatusAsync(agentId, AgentStatus.Active, cancellationToken, "approved");

    /// <summary>Refuses an agent for good (403 <c>agent-revoked</c>), enrolling again included, until approved. False when it is not enrolled.</summary>
    public Task<bool> BlockAgentAsync(string agentId, CancellationToken cancellationToken = default) =>
        SetStatusAsync(agentId, AgentStatus.Blocked, cancellationToken, "blocked");

    /// <summary>Every enrolled agent, ordered by id.</summary>
    internal Task<IReadOnlyList<AgentRecord>> ListAgentsAsync(CancellationToken cancellationToken = default) => AgentRecords("Agents are listed").ListAsync(cancellationToken);

    /// <summary>One enrolled agent, or null.</summary>
    internal ValueTask<Agent?> FindAgentAsync(string agentId, CancellationToken cancellationToken = default) => _agents.FindAsync(agentId, cancellationToken);

    /// <summary>
    /// Replaces an agent's key (the agent was re-imaged, or its key leaked): tokens bound to the old key are
    /// refused with 403 <c>key-mismatch</c>. False when it is not enrolled.
    /// </summary>
    internal async Task<bool> ReplaceAgentKeyAsync(string agentId, Jose.RsaJwk key, CancellationToken cancellationToken = default)
    {
        var before = await _agents.FindAsync(agentId, cancellationToken);
        if (before is null || !await AgentRecords("Agent keys are replaced").ReplaceKeyAsync(agentId, key, cancellationToken))
        {
            return false;
        }

        GatewayLog.AgentKeyReplaced(_logger, agentId, before.Key.Thumbprint, key.Thumbprint);
        _metrics.AgentChanged("key-replaced");
        return true;
    }

    /// <summary>Revokes one token by its <c>jti</c> for the longest time it could still be valid.</summary>
    public async Task RevokeTokenAsync(string jti, CancellationToken cancellationToken = default)
    {
        var tokens = _options.CurrentValue.Tokens;
        long until = (_time.GetUtcNow() + tokens.Lifetime + tokens.ClockSkew).ToUnixTimeSeconds();
        await _control.RevokeTokenAsync(jti, until, cancellationToken);
        GatewayLog.TokenRevoked(_logger, jti);
    }

    private async Task<bool> SetStatusAsync(string agentId, AgentStatus status, CancellationToken cancellationToken, string? change = null)
    {
        bool found = await _control.SetStatusAsync(agentId, status, cancellationToken);
        if (found)
        {
            GatewayLog.AgentStatusChanged(_logger, agentId, status.ToString());
            _metrics.AgentChanged(change ?? (status == AgentStatus.Revoked ? "revoked" : "reinstated"));
        }

        return found;
    }

    // A Site holds no agent records: they are the Issuer's (§10).
    private IAgentDirectory AgentRecords(string what) =>
        _directory ?? throw new InvalidOperationException($"{what} at the Issuer; a Site (Gateway:Role Site) holds no agent store.");
}
