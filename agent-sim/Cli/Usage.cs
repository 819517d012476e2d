namespace Smp.AgentSim.Cli;

/// <summary>The text of <c>agent-sim --help</c>.</summary>
internal static class Usage
{
    public const string Text = """
        agent-sim: the agent side of the SMPToken protocol, a legacy server, and a load generator.

        Usage:
          agent-sim demo   [--hierarchy] [--agents 200] [--duration 15] [--concurrency 16] [--keys DIR]
                           [--json FILE] [--html FILE]
              Starts a legacy server and a gateway in-process on free 127.0.0.1 ports, runs a load
              with every scenario, prints the summary. Exit code 0 when every scenario behaved.
              --hierarchy: an Issuer and two Sites instead (PROTOCOL.md §10), each in front of its own
              legacy server; agents enroll at the Issuer and authenticate at the Sites.

          agent-sim legacy [--urls http://127.0.0.1:8081]
              Runs the simulated legacy management server until Ctrl+C.

          agent-sim load   --gateway URL --secret S [--agents 50] [--concurrency 8] [--duration 10]
          agent-sim demo   [--hierarchy] [--agents 200] [--duration 15] [--concurrency 16] [--keys DIR]
                           [--json FILE] [--html FILE]

          agent-sim --help
        """;
}
