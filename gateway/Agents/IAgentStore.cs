namespace Smp.Gateway.Agents;

/// <summary>
/// The Issuer's agent store (embedded or Redis): enrolled agents and revoked tokens, what every Issuer node must
/// agree on. It serves all three views; a Site's agents (<c>SiteAgentStore</c>) serve only the lookup and control.
/// </summary>
internal interface IAgentStore : IAgentLookup, IAgentControl, IAgentDirectory;
