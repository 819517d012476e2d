namespace Smp.AgentSim.Legacy;

/// <summary>
/// What the legacy server demands of its callers (<c>agent-sim legacy --require</c>), as an unmodified IIS would:
/// the gateway's identity headers (the default), Basic as one account, or Negotiate (Kerberos) with the keytab that
/// <c>KRB5_KTNAME</c> names in its environment.
/// </summary>
/// <param name="Mode"><c>headers</c>, <c>basic</c> or <c>negotiate</c>.</param>
/// <param name="BasicUser">For <c>basic</c>: the account (<c>--basic-user</c>).</param>
/// <param name="BasicPassword">For <c>basic</c>: its password (from <see cref="PasswordVariable"/>).</param>
public sealed record LegacyRequirement(string Mode, string? BasicUser = null, string? BasicPassword = null)
{
    /// <summary>The environment variable that holds the Basic password, so that it is never on a command line.</summary>
    public const string PasswordVariable = "AGENTSIM_LEGACY_PASSWORD";

    public static readonly LegacyRequirement Headers = new("headers");
}
