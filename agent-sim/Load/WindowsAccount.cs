namespace Smp.AgentSim.Load;

/// <summary>
/// Where the windows scenario's agents, domain-joined machines, authenticate with their machine account: a path on a
/// route of the gateway that takes Windows authentication, and the host of the gateway's service principal
/// (<c>HTTP/&lt;ServiceHost&gt;</c>). Their tickets come from the process's Kerberos setting (<c>KRB5CCNAME</c>,
/// <c>KRB5_CONFIG</c>: <c>kinit -k 'HOST$'</c> first).
/// </summary>
internal sealed record WindowsAccount(string Path, string ServiceHost);
