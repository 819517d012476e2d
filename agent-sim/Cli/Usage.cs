namespace Smp.AgentSim.Cli;

/// <summary>The text of <c>agent-sim --help</c>.</summary>
internal static class Usage
{
    public const string Text = """
        agent-sim: the agent side of the SMPToken protocol, a legacy server, and a load generator.

        Usage:
          agent-sim demo   [--agents 200] [--duration 15] [--concurrency 16] [--keys DIR]
                           [--json FILE] [--html FILE]
              Starts a legacy server and a gateway in-process on free 127.0.0.1 ports, runs a load
              with every scenario, prints the summary. Exit code 0 when every scenario behaved.

          agent-sim legacy [--urls http://127.0.0.1:8081]
              Runs the simulated legacy management server until Ctrl+C.

          agent-sim load   --gateway URL --secret S [--agents 50] [--concurrency 8] [--duration 10]
                           [--max-requests M] [--mix cold=1,warm=6,keepalive=2,replay=1,revoked=0]
                           [--keys .data/agent-keys] [--json FILE] [--html FILE]
              Enrolls N agents with the enrollment secret and runs C workers until the duration or
              the request count is reached. Progress goes to stderr, the summary table to stdout.
              The revoked scenario needs a host that can revoke agents (demo); here it is skipped.
              --json writes the summary as JSON; --html a page readable offline with the summary and
              charts of latency percentiles, throughput and outcomes by code over time.

          agent-sim --help
        """;
}
