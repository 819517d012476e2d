using System.Text;

namespace Smp.AgentSim.Load;

/// <summary>
/// The ACC (Agent Connectivity Credential) of the fleet: a user and its current password, for the
/// scenarios on UNC-codebase routes. Its text names the user only: the password is never printed.
/// </summary>
internal sealed class AccCredentials(string user, string password)
{
    public string User { get; } = user;

    /// <summary>The <c>Authorization</c> value for <paramref name="withPassword"/>; a credential, never printed.</summary>
    public string Basic(string withPassword) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":" + withPassword));

    /// <summary>The <c>Authorization</c> value with the right password.</summary>
    public string Basic() => Basic(password);

    public override string ToString() => User;
}
