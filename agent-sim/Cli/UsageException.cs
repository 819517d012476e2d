namespace Smp.AgentSim.Cli;

/// <summary>A command line that cannot be run; the message names the faulty flag.</summary>
internal sealed class UsageException(string message) : Exception(message);
