namespace Smp.Gateway.Agents;

internal enum EnrollOutcome
{
    /// <summary>A new agent (201).</summary>
    Created,

    /// <summary>The same agent with the same key (200).</summary>
    AlreadyEnrolled,

    /// <summary>The agent exists with another key (409).</summary>
    KeyConflict,

    /// <summary>The agent is revoked (403).</summary>
    Revoked,
}
